import FlinkSettings
import JobDomain

/// Job fields that together would ask for something that cannot take effect, or `runtime_config` keys
/// that would silently undo what a job field asks of Flink, refused with the field they conflict with.
/// Checked on the whole definition (after an update's merge), by every create, update and import:
/// - `resume_checkpoint` without `checkpoint_enabled`: a run resumes the previous Flink job's retained
///   checkpoint, and a job without checkpointing has none.
/// - `log_enabled` without `obs_bucket`, as in DLI: the logs are written to that bucket
///   (`<obs_bucket>/jobs/<job_id>/logs/`).
/// - `restart-strategy.*` while `restart_when_exception` is true: that field (with `resume_max_num`)
///   chooses the restart strategy. With `restart_when_exception` false, `runtime_config` may choose it.
/// - `execution.checkpointing.externalized-checkpoint-retention` other than `RETAIN_ON_CANCELLATION`
///   while `checkpoint_enabled`: a job's checkpoints are kept when it is stopped.
enum JobConfigConflicts {
    static let retention = "execution.checkpointing.externalized-checkpoint-retention"

    /// - Throws: `APIError.invalidParameter` naming the field (or `runtime_config` and its key) and the
    ///   field it conflicts with.
    static func check(_ c: JobConfig) throws(APIError) {
        if c.resumeCheckpoint && !c.checkpointEnabled {
            throw .invalidParameter(
                "resume_checkpoint",
                "needs checkpoint_enabled: a run resumes the latest checkpoint of the job's previous Flink job, "
                    + "and without checkpointing there is none")
        }
        if c.logEnabled, (c.obsBucket ?? "").isEmpty {
            throw .invalidParameter(
                "obs_bucket",
                "is required when log_enabled is true: the job's logs are written to <obs_bucket>/jobs/<job_id>/logs/")
        }
        guard let text = c.runtimeConfig, let runtime = try? RuntimeConfig(parsing: text) else { return }
        if c.restartWhenException, let key = runtime.settings.first(where: { $0.key.hasPrefix("restart-strategy.") })?.key {
            throw .invalidParameter(
                "runtime_config",
                "\(key) conflicts with restart_when_exception/resume_max_num, which set the restart strategy; "
                    + "set restart_when_exception to false to choose it in runtime_config")
        }
        if c.checkpointEnabled,
            let setting = runtime.settings.first(where: { $0.key == retention }), setting.value != "RETAIN_ON_CANCELLATION"
        {
            throw .invalidParameter(
                "runtime_config", "\(retention) must be RETAIN_ON_CANCELLATION: a job's checkpoints are kept when it is stopped")
        }
    }
}
