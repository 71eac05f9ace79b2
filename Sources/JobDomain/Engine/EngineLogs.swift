/// What the reconciler asks the engine to write when it collects a job's logs.
public struct EngineLogRequest: Sendable, Equatable {
    /// The engine job whose logs are collected.
    public var engineJobID: EngineJobID
    /// The job as the service knows it (its status and description go into `status.json`).
    public var job: Job
    /// The folder to write into: an object location of the job's project,
    /// `<obs_bucket>/jobs/<job_id>/logs/<engine job id>` (`JobStateLocations.logsBase`).
    public var folder: String
    /// When the engine cannot be reached: true writes what is known (and says so) instead of throwing
    /// `EngineError.unavailable`; the reconciler sets it on its last attempt.
    public var writeWhatIsKnown: Bool

    public init(engineJobID: EngineJobID, job: Job, folder: String, writeWhatIsKnown: Bool) {
        self.engineJobID = engineJobID
        self.job = job
        self.folder = folder
        self.writeWhatIsKnown = writeWhatIsKnown
    }
}

/// What a log collection wrote.
public struct EngineLogReport: Sendable, Equatable {
    /// The names of the files written (replaced) in the folder, e.g. `status.json`.
    public var files: [String]
    /// Whether the engine still knew the job; when not, only what the service knows was written.
    public var engineKnewJob: Bool

    public init(files: [String], engineKnewJob: Bool) {
        self.files = files
        self.engineKnewJob = engineKnewJob
    }
}

/// When a job's logs are collected without being asked for: on every transition that ends a run (or
/// a stop), if the job keeps logs (`log_enabled` with an `obs_bucket`). The collection is engine work
/// enqueued by the transition itself, in the same statement, so a crash cannot lose it.
public enum JobLogCollection {
    /// The statuses whose entry collects the logs: the ones the engine's observations end a run or a
    /// stop in (`JobStateMachine.transition(from:observing:)`).
    public static let endStatuses: Set<JobStatus> = [
        .jobSubmitFail, .jobRunningException, .jobCancelSuccess, .jobFinish, .jobCancelFail,
    ]

    /// `transition`, with `collect_logs` work added when it enters an end status of a job that keeps
    /// logs and enqueues no other work.
    public static func adding(to transition: EngineTransition, of job: Job) -> EngineTransition {
        guard transition.engineWork == nil, transition.from != transition.to, endStatuses.contains(transition.to),
            JobStateLocations.logsBase(job) != nil
        else { return transition }
        return EngineTransition(
            event: transition.event, from: transition.from, to: transition.to, description: transition.description,
            savepointPath: transition.savepointPath, engineWork: .collectLogs)
    }
}
