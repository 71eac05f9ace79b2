/// Which object locations a purge removes for a job (see ``JobStateLocations`` for where they are
/// written): its checkpoints, its savepoints, and the dependency files the service packaged for it.
/// Imported savepoints are the client's and stay, and so do job logs (output the client asked for)
/// and a Jar job's shared `checkpoint_path` folder (only this job's engine-job folders in it go).
public enum PurgeLocations {
    /// The engine's default folders, in the project's space, for state with no location given.
    public static let stateBucket = "streamjobs-state"

    /// The locations to remove, without duplicates, in a stable order.
    public static func of(_ facts: PurgeFacts) -> [String] {
        let job = facts.job
        var out: [String] = []
        func add(_ location: String) {
            let trimmed = JobStateLocations.trimmed(location)
            if !trimmed.isEmpty, !out.contains(trimmed) { out.append(trimmed) }
        }
        if job.jobType.isSQL {
            // The job's own folders in its bucket (`<obs_bucket>/jobs/<job_id>/…`).
            JobStateLocations.checkpointBase(job).map(add)
            JobStateLocations.savepointBase(job).map(add)
        }
        for engine in facts.engineJobs {
            let base = engine.checkpointBase.map(JobStateLocations.trimmed).flatMap { $0.isEmpty ? nil : $0 } ?? "\(stateBucket)/checkpoints"
            add("\(base)/\(engine.engineJobID)")
        }
        let imported = Set(facts.importedSavepoints.map(JobStateLocations.trimmed))
        for savepoint in facts.savepoints where !imported.contains(JobStateLocations.trimmed(savepoint)) { add(savepoint) }
        add("\(stateBucket)/files/\(job.id.rawValue)")
        return out
    }
}
