/// What the store knows of a job that matters to purging it: the job, whether it is deleted, whether
/// engine work of it is pending, and where its state went (savepoints, the engine jobs' checkpoints).
public struct PurgeFacts: Sendable, Equatable {
    public var job: Job
    public var isDeleted: Bool
    /// Engine work of the job not yet done (the delete's stop): no purge until it is.
    public var enginePending: Bool
    /// Every savepoint the job recorded (its own and its journal's), except imported ones.
    public var savepoints: [String]
    /// Savepoints attached with import-savepoint: the client's objects, never removed.
    public var importedSavepoints: [String]
    /// The engine jobs (current and previous) with the checkpoint base each used (nil: the default).
    public var engineJobs: [EngineCheckpoints]

    public init(
        job: Job, isDeleted: Bool, enginePending: Bool, savepoints: [String], importedSavepoints: [String],
        engineJobs: [EngineCheckpoints]
    ) {
        self.job = job
        self.isDeleted = isDeleted
        self.enginePending = enginePending
        self.savepoints = savepoints
        self.importedSavepoints = importedSavepoints
        self.engineJobs = engineJobs
    }
}

/// An engine job of a job and where it checkpointed: `<base>/<engine job id>/chk-N`.
public struct EngineCheckpoints: Sendable, Equatable {
    public var engineJobID: String
    public var checkpointBase: String?

    public init(engineJobID: String, checkpointBase: String?) {
        self.engineJobID = engineJobID
        self.checkpointBase = checkpointBase
    }
}

/// Who a purge's audit record names: the requester of `DELETE …/deleted-jobs/{job_id}` (its context), or
/// the purger itself.
public struct PurgeActor: Sendable {
    public var actor: String
    public var requestID: String
    /// The request's context (its audit action and client address), nil for the purger's own purges.
    public var context: RequestContext?

    public init(actor: String, requestID: String, context: RequestContext?) {
        self.actor = actor
        self.requestID = requestID
        self.context = context
    }
}

/// The purger's store. Blocking (like `EngineWorkQueue`): called on the purger's own thread and, for a
/// purge on request, on the blocking executor, never on an HTTP worker.
public protocol JobPurgeStore: Sendable {
    /// A system path across projects: claims up to `limit` deleted jobs due for purging (past their
    /// project's retention, or whose purge began and did not finish) under a lease held by `owner`, skipping
    /// jobs other purgers hold (`FOR UPDATE SKIP LOCKED`).
    func claimExpired(owner: String, leaseMillis: Int64, limit: Int) throws(JobError) -> [(ProjectID, JobID)]

    /// The purge facts of a job of `project`, or nil when the project has no such job.
    func facts(_ id: JobID, project: ProjectID) throws(JobError) -> PurgeFacts?

    /// Claims one deleted job of `project` at `version`, when no engine work of it is pending and no
    /// other purger holds it. True when claimed.
    func claim(_ id: JobID, project: ProjectID, version: Int64, owner: String, leaseMillis: Int64) throws(JobError) -> Bool

    /// Hard-deletes the job's rows (every table, in foreign-key order) and inserts the purge's audit
    /// record, in one transaction, if `owner` still holds its claim. True when the rows were deleted.
    func finish(_ id: JobID, project: ProjectID, owner: String, by actor: PurgeActor) throws(JobError) -> Bool
}

/// Disposes of a job's files in its project's object space.
public protocol JobStateDisposer: Sendable {
    /// Removes every location (an object location of `project`: `obs://bucket/key` or `bucket/key`), a
    /// file or a folder with everything below it; a missing one is fine (a purge is retried). Never
    /// touches anything outside the project's space.
    /// - Throws: `JobError.internalError` when a location exists and cannot be removed.
    func dispose(_ locations: [String], project: ProjectID) throws(JobError)
}
