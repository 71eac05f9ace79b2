/// What to submit: the stored job, the engine id it must run under, and an optional savepoint to resume.
public struct EngineSubmission: Sendable, Equatable {
    public var job: Job
    /// Deterministic per piece of work (`EngineJobID.derived`), so a repeated submission is refused.
    public var engineJobID: EngineJobID
    /// Restore state from this savepoint (an object location of the job's project, `obs://bucket/key`),
    /// or start fresh. The engine maps it into the project's space and refuses any other location.
    public var savepointPath: String?

    public init(job: Job, engineJobID: EngineJobID, savepointPath: String?) {
        self.job = job
        self.engineJobID = engineJobID
        self.savepointPath = savepointPath
    }
}

/// A stream-processing engine that runs jobs (Apache Flink in production, fakes in tests).
///
/// Every call is synchronous and bounded by the adapter's timeouts; none waits for a job to change
/// state: callers poll with `status`. Implementations are safe to call from several threads.
public protocol Engine: Sendable {
    /// Starts `submission.job` under `submission.engineJobID`. Submitting an id the engine already has is
    /// not an error: the call returns that id (the earlier submission won).
    /// - Throws: `EngineError.unavailable` (retry later), `.rejected` / `.invalidJob` (the job cannot start).
    func submit(_ submission: EngineSubmission) throws(EngineError) -> EngineJobID

    /// The job's current state. A job the engine has accepted but not yet started (Flink lists the
    /// application of a jar run before its job) is reported as initializing.
    /// - Throws: `EngineError.notFound` when the engine knows neither the job nor a submission that will
    ///   start it (it lost them: a restart without high availability), `.unavailable`.
    func status(of id: EngineJobID) throws(EngineError) -> EngineJobStatus

    /// Asks the engine to cancel the job (no savepoint). Returns at once.
    /// - Throws: `EngineError.alreadyTerminal`, `.notFound`, `.unavailable`.
    func cancel(_ id: EngineJobID) throws(EngineError)

    /// Asks the engine to take a savepoint and then stop the job.
    /// - Parameters:
    ///   - project: the job's project: `directory` is one of its object locations, and so is the default.
    ///   - directory: where to write it, or nil for the project's default savepoint folder.
    ///   - drain: whether the job drains first (sources end, event-time timers fire) before it stops.
    /// - Throws: `EngineError.notFound`, `.alreadyTerminal`, `.unavailable`, `.rejected`, `.invalidJob`
    ///   (a directory outside the project's space).
    func stopWithSavepoint(_ id: EngineJobID, project: ProjectID, directory: String?, drain: Bool) throws(EngineError)
        -> SavepointRequestID

    /// Asks the engine to take a savepoint; the job keeps running.
    /// - Throws: as `stopWithSavepoint`.
    func triggerSavepoint(_ id: EngineJobID, project: ProjectID, directory: String?) throws(EngineError)
        -> SavepointRequestID

    /// Progress of a savepoint asked for with `stopWithSavepoint` or `triggerSavepoint`; a completed
    /// savepoint's path is an object location of `project` (`obs://bucket/key`) when it lies in its space.
    /// - Throws: `EngineError.notFound` (unknown request, e.g. after an engine restart), `.unavailable`.
    func savepointProgress(of id: EngineJobID, project: ProjectID, request: SavepointRequestID) throws(EngineError)
        -> SavepointProgress

    /// The live job's execution plan summary.
    /// - Throws: `EngineError.notFound`, `.unavailable`.
    func executionGraph(of id: EngineJobID) throws(EngineError) -> ExecutionGraphSummary

    /// What the engine's planner makes of `job`, without starting it (nothing runs, no id is taken).
    /// - Throws: `EngineError.invalidJob` (the program or its SQL fails to plan; the planner's reason),
    ///   `.rejected`, `.unavailable`.
    func plan(_ job: Job) throws(EngineError) -> EnginePlan

    /// The live (or recently ended) job's source and sink counters.
    /// - Throws: `EngineError.notFound`, `.unavailable`.
    func metrics(of id: EngineJobID) throws(EngineError) -> EngineJobMetrics

    /// The newest completed checkpoint of engine job `id` (live or lost), as an object location of
    /// `project` that `EngineSubmission.savepointPath` accepts, or nil when it has none. Asks the engine
    /// first; when the engine no longer knows the job (it lost it), looks in `<base>/<id>/` for the
    /// highest complete `chk-N`.
    /// - Parameters:
    ///   - base: where the job checkpointed (`JobStateLocations.checkpointBase`), nil for the engine's
    ///     default location in the project's space.
    /// - Throws: `EngineError.unavailable` (retry later), `.invalidJob` (a base outside the project's space).
    func latestCheckpoint(of id: EngineJobID, base: String?, project: ProjectID) throws(EngineError) -> String?

    /// Writes engine job `request.engineJobID`'s logs into `request.folder` of the job's project, each file
    /// atomically: `exceptions.json` (the engine's exception history), `checkpoints.json` (checkpoint
    /// statistics), `jobmanager.log` (the JobManager log lines naming the engine job) and `status.json`
    /// (the job's status as the service and the engine know it, and what could not be collected). Files
    /// the engine can no longer give (it lost the job) are left as an earlier collection wrote them.
    /// - Throws: `EngineError.unavailable` (retry later; never when `request.writeWhatIsKnown`),
    ///   `.invalidJob` (a folder outside the project's space, or one that cannot be written).
    func collectLogs(_ request: EngineLogRequest) throws(EngineError) -> EngineLogReport
}
