/// Where a job's checkpoints and savepoints go: the one rule the engine's configuration (checkpoint and
/// savepoint directories) and the reconciler (stop-with-savepoint, triggered savepoints) share. Every
/// location is an object location of the job's own project (`obs://bucket/key` or `bucket/key`); the
/// engine appends its own job id (`<base>/<engine job id>/chk-N`).
///
/// - Jar jobs: `checkpoint_path`, savepoints in `<checkpoint_path>/savepoints`.
/// - SQL jobs: `<obs_bucket>/jobs/<job_id>/checkpoints` and `…/savepoints`. One bucket is shared by many
///   SQL jobs, hence the job-id folder (as DLI does with the bucket it is given).
/// - Neither set: `nil`, the engine's default location in the project's space.
/// - Logs (any job type, with `log_enabled`): `<obs_bucket>/jobs/<job_id>/logs/<engine job id>/`.
public enum JobStateLocations {
    /// The base location of the job's checkpoints, or nil for the engine's default.
    public static func checkpointBase(_ job: Job) -> String? {
        if job.jobType.isSQL {
            guard let bucket = nonEmpty(job.config.obsBucket) else { return nil }
            return "\(trimmed(bucket))/jobs/\(job.id.rawValue)/checkpoints"
        }
        return nonEmpty(job.config.checkpointPath).map(trimmed)
    }

    /// The base location of the job's savepoints, or nil for the engine's default.
    public static func savepointBase(_ job: Job) -> String? {
        if job.jobType.isSQL {
            guard let bucket = nonEmpty(job.config.obsBucket) else { return nil }
            return "\(trimmed(bucket))/jobs/\(job.id.rawValue)/savepoints"
        }
        return nonEmpty(job.config.checkpointPath).map { trimmed($0) + "/savepoints" }
    }

    /// The folder of the job's logs, `<obs_bucket>/jobs/<job_id>/logs` (one subfolder per engine job), or
    /// nil when the job keeps no logs: `log_enabled` false or no `obs_bucket` (any job type, as in DLI).
    public static func logsBase(_ job: Job) -> String? {
        guard job.config.logEnabled, let bucket = nonEmpty(job.config.obsBucket) else { return nil }
        return "\(trimmed(bucket))/jobs/\(job.id.rawValue)/logs"
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    /// `location` without trailing slashes (shared with `PurgeLocations`).
    static func trimmed(_ location: String) -> String {
        var out = Substring(location)
        while out.hasSuffix("/") { out = out.dropLast() }
        return String(out)
    }
}
