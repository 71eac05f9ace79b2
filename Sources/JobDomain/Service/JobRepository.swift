/// The minimal state a lifecycle decision needs: read, decide, then commit conditionally on `version`.
public struct JobSnapshot: Sendable, Equatable {
    public var status: JobStatus
    public var version: Int64
    public var isDeleted: Bool

    public init(status: JobStatus, version: Int64, isDeleted: Bool) {
        self.status = status
        self.version = version
        self.isDeleted = isDeleted
    }
}

/// What a conditional commit did.
public enum CommitOutcome: Sendable, Equatable {
    /// The transition was recorded; the job now has this version.
    case applied(version: Int64)
    /// The job changed (or was deleted) since the snapshot; nothing was written.
    case versionConflict
}

/// Job storage. Every call is scoped to one project: no method can see another project's rows.
///
/// Implementations map their own failures to `JobError` in one place (`storeUnavailable` when the
/// store cannot be reached, `nameAlreadyExists` for a duplicate live name, `internalError` otherwise).
///
/// A write whose `context.audit` is set may record that audit event in the write's own transaction; an
/// implementation that does sets `context.audit.recorded` once such a write committed and changed a row
/// (then the API writes no second event). One that does not leaves the marker unset, and the API
/// records the event separately.
public protocol JobRepository: Sendable {
    /// Stores a new job in `job_init` and writes its first journal entry, atomically.
    func insert(_ job: NewJob, project: ProjectID, context: RequestContext) throws(JobError) -> Job

    /// The live (not deleted) job with this id in this project, or nil.
    func find(_ id: JobID, project: ProjectID) throws(JobError) -> Job?

    /// ``find(_:project:)`` without blocking: `completion` gets the outcome exactly once, possibly on
    /// another thread. The default runs the blocking `find` and completes before returning.
    func find(_ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<Job?, JobError>) -> Void)

    /// The job's status and version, including a deleted job's (so deletes can be idempotent), or nil
    /// when the id does not exist in this project.
    func snapshot(_ id: JobID, project: ProjectID) throws(JobError) -> JobSnapshot?

    /// Records `transition` if the job still has `expectedVersion` and is not deleted: updates the row,
    /// writes one journal entry and enqueues the transition's engine work, in one transaction.
    func commit(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges,
        context: RequestContext
    ) throws(JobError) -> CommitOutcome

    /// ``insert(_:project:context:)`` without blocking: `completion` gets the outcome exactly once,
    /// possibly on another thread. The default runs the blocking call and completes before returning.
    func insert(
        _ job: NewJob, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Job, JobError>) -> Void)

    /// ``snapshot(_:project:)`` without blocking (see ``find(_:project:completion:)``).
    func snapshot(_ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<JobSnapshot?, JobError>) -> Void)

    /// ``commit(_:job:project:expectedVersion:changes:context:)`` without blocking (see
    /// ``find(_:project:completion:)``).
    func commit(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges,
        context: RequestContext, completion: @escaping @Sendable (Result<CommitOutcome, JobError>) -> Void)

    /// Replaces the job's definition (name, SQL, configuration, tags …; not its type or creator) if it
    /// still has `expectedVersion` and is live, recording `transition` in the journal.
    /// - Returns: the outcome and, when applied, the new update time in epoch milliseconds.
    func update(
        _ id: JobID, project: ProjectID, definition: NewJob, transition: Transition, expectedVersion: Int64,
        context: RequestContext
    ) throws(JobError) -> (CommitOutcome, updatedAtMillis: Int64)

    /// A page of live jobs matching `query` as summaries (what a list shows), and the number of all matches.
    func list(_ query: JobListQuery, project: ProjectID) throws(JobError) -> JobPage<JobSummary>

    /// A page of live jobs matching `query`, each whole (SQL text, configuration), and the number of all matches.
    func listDetails(_ query: JobListQuery, project: ProjectID) throws(JobError) -> JobPage<Job>
}

extension JobRepository {
    /// Runs the blocking ``insert(_:project:context:)`` and completes before returning.
    public func insert(
        _ job: NewJob, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Job, JobError>) -> Void
    ) {
        completion(Result { () throws(JobError) -> Job in try insert(job, project: project, context: context) })
    }

    /// Runs the blocking ``snapshot(_:project:)`` and completes before returning.
    public func snapshot(
        _ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<JobSnapshot?, JobError>) -> Void
    ) {
        completion(Result { () throws(JobError) -> JobSnapshot? in try snapshot(id, project: project) })
    }

    /// Runs the blocking ``commit(_:job:project:expectedVersion:changes:context:)`` and completes before returning.
    public func commit(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges,
        context: RequestContext, completion: @escaping @Sendable (Result<CommitOutcome, JobError>) -> Void
    ) {
        completion(
            Result { () throws(JobError) -> CommitOutcome in
                try commit(
                    transition, job: id, project: project, expectedVersion: expectedVersion, changes: changes,
                    context: context)
            })
    }

    /// Runs the blocking ``find(_:project:)`` and completes before returning.
    public func find(
        _ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<Job?, JobError>) -> Void
    ) {
        completion(Result { () throws(JobError) -> Job? in try find(id, project: project) })
    }
}
