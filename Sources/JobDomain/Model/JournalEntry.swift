/// One entry of a job's journal (`job_journal`): a transition, who asked for it and through which request.
/// Times are epoch milliseconds, as on DLI's wire.
public struct JournalEntry: Sendable, Equatable {
    /// The job's version after the transition: the entry's sequence number within the job.
    public var version: Int64
    public var recordedAtMillis: Int64
    /// The command (`create`, `run`, `stop`, `delete`, `restore`, …) or engine event (`running`, `stopped`, …).
    public var event: String
    /// Nil for the entry that created the job.
    public var from: JobStatus?
    public var to: JobStatus
    /// Whether this transition soft-deleted the job.
    public var deleted: Bool
    /// The engine work the transition enqueued (`submit`, `cancel`, …), if any.
    public var engineWork: String?
    /// The request that asked for it; nil for the reconciler's entries.
    public var requestID: String?
    /// The credential id of the client, or the reconciler instance's name.
    public var actor: String?
    /// Why: the engine's description, or a note of the service's.
    public var detail: String
    /// The engine job the transition concerns; nil for commands on jobs not live on an engine, and for
    /// entries written before migration 0013.
    public var engineJobID: String?
    /// A savepoint the transition recorded or attached; nil for entries written before migration 0013.
    public var savepointPath: String?

    public init(
        version: Int64, recordedAtMillis: Int64, event: String, from: JobStatus?, to: JobStatus, deleted: Bool,
        engineWork: String?, requestID: String?, actor: String?, detail: String, engineJobID: String?,
        savepointPath: String?
    ) {
        self.version = version
        self.recordedAtMillis = recordedAtMillis
        self.event = event
        self.from = from
        self.to = to
        self.deleted = deleted
        self.engineWork = engineWork
        self.requestID = requestID
        self.actor = actor
        self.detail = detail
        self.engineJobID = engineJobID
        self.savepointPath = savepointPath
    }
}

/// A page of a job's journal, newest first.
public struct JournalQuery: Sendable, Equatable {
    /// Only entries older than this version (the position a previous page ended at); nil: from the newest.
    public var beforeVersion: Int64? = nil
    public var limit = CursorPageLimits.defaultLimit

    public init(beforeVersion: Int64? = nil, limit: Int = CursorPageLimits.defaultLimit) {
        self.beforeVersion = beforeVersion
        self.limit = limit
    }
}
