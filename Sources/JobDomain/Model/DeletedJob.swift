/// A soft-deleted job (`Item`: a `JobSummary` in lists, the whole `Job` in the detail) and its deletion.
public struct DeletedJob<Item: Sendable & Equatable>: Sendable, Equatable {
    /// The job as it was: the row keeps every field, and its final status and savepoint (the reconciler
    /// records the savepoint a delete took after the delete).
    public var job: Item
    public var deletion: JobDeletion

    public init(job: Item, deletion: JobDeletion) {
        self.job = job
        self.deletion = deletion
    }
}

/// When, by whom, through which request and from which status a job was deleted.
public struct JobDeletion: Sendable, Equatable {
    public var deletedAtMillis: Int64
    /// The credential id that deleted it.
    public var deletedBy: String?
    public var requestID: String?
    /// The job's status when it was deleted (`status_at_delete`).
    public var statusAtDelete: JobStatus
    /// Where the job sits in the deleted-jobs order (newest deletion first).
    public var position: DeletedJobPosition
    /// When the purger removes it (`deleted_at` + the project's retention), or nil: kept until purged on request.
    public var purgeAtMillis: Int64?
    /// Whether a purge of it began (it can no longer be restored).
    public var purging: Bool

    public init(
        deletedAtMillis: Int64, deletedBy: String?, requestID: String?, statusAtDelete: JobStatus,
        position: DeletedJobPosition, purgeAtMillis: Int64? = nil, purging: Bool = false
    ) {
        self.purgeAtMillis = purgeAtMillis
        self.purging = purging
        self.deletedAtMillis = deletedAtMillis
        self.deletedBy = deletedBy
        self.requestID = requestID
        self.statusAtDelete = statusAtDelete
        self.position = position
    }
}

/// A position in a project's deleted jobs, ordered by deletion time (microseconds, as stored) and job id,
/// newest first.
public struct DeletedJobPosition: Sendable, Equatable {
    public var deletedAtMicros: Int64
    public var jobID: JobID

    public init(deletedAtMicros: Int64, jobID: JobID) {
        self.deletedAtMicros = deletedAtMicros
        self.jobID = jobID
    }
}

/// A page of a project's deleted jobs, newest deletion first. Every filter is optional.
public struct DeletedJobListQuery: Sendable, Equatable {
    /// Case-insensitive substring of the job name.
    public var name: String? = nil
    /// The status at deletion.
    public var statusAtDelete: JobStatus? = nil
    public var jobType: JobType? = nil
    /// Deleted at or after this time (epoch milliseconds).
    public var deletedSinceMillis: Int64? = nil
    /// Deleted before this time (epoch milliseconds).
    public var deletedUntilMillis: Int64? = nil
    /// Only jobs after this position (where a previous page ended).
    public var after: DeletedJobPosition? = nil
    public var limit = CursorPageLimits.defaultLimit

    public init() {}
}
