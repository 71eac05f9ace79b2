/// The minimal state a lifecycle decision needs: read, decide, then commit conditionally on `version`.
public struct JobSnapshot: Sendable, Equatable {
    public var status: JobStatus
    public var version: Int64
    public var isDeleted: Bool
    /// The job's `deletion_protection`.
    public var deletionProtection = false

    public init(status: JobStatus, version: Int64, isDeleted: Bool, deletionProtection: Bool = false) {
        self.deletionProtection = deletionProtection
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
/// The API is asynchronous only: each method hands its outcome to `completion` exactly once, possibly
/// on another thread and possibly before returning. An implementation must not make a libmicrohttpd
/// worker wait (ARCHITECTURE.md §3); a caller that must have the result before going on (an
/// offloaded endpoint, the command line, a test) uses the one blocking bridge, `Completion.wait`.
///
/// Implementations map their own failures to `JobError` in one place (`storeUnavailable` when the
/// store cannot be reached, `nameAlreadyExists` for a duplicate live name, `internalError` otherwise).
///
/// A write whose `context.audit` is set may record that audit event in the write's own transaction; an
/// implementation that does sets `context.audit.recorded` once such a write committed and changed a row
/// (then the API writes no second event). One that does not leaves the marker unset, and the API
/// records the event separately.
public protocol JobRepository: Sendable {
    /// Stores a new job in `job_init` and writes its first journal entry, atomically; completes with
    /// the stored job.
    func insert(
        _ job: NewJob, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Job, JobError>) -> Void)

    /// Completes with the live (not deleted) job with this id in this project, or nil.
    func find(_ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<Job?, JobError>) -> Void)

    /// Completes with the job's status and version, including a deleted job's (so deletes can be
    /// idempotent), or nil when the id does not exist in this project.
    func snapshot(_ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<JobSnapshot?, JobError>) -> Void)

    /// Records `transition` if the job still has `expectedVersion` and is not deleted: updates the row,
    /// writes one journal entry and enqueues the transition's engine work, in one transaction.
    func commit(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges,
        context: RequestContext, completion: @escaping @Sendable (Result<CommitOutcome, JobError>) -> Void)

    /// Replaces the job's definition (name, SQL, configuration, tags …; not its type or creator) if it
    /// still has `expectedVersion` and is live, recording `transition` in the journal.
    /// - Parameter completion: the outcome and, when applied, the new update time in epoch milliseconds.
    func update(
        _ id: JobID, project: ProjectID, definition: NewJob, transition: Transition, expectedVersion: Int64,
        context: RequestContext,
        completion: @escaping @Sendable (Result<(CommitOutcome, updatedAtMillis: Int64), JobError>) -> Void)

    /// Completes with a page of live jobs matching `query` as summaries (what a list shows), and the
    /// number of all matches.
    func list(
        _ query: JobListQuery, project: ProjectID,
        completion: @escaping @Sendable (Result<JobPage<JobSummary>, JobError>) -> Void)

    /// Completes with a page of live jobs matching `query`, each whole (SQL text, configuration), and
    /// the number of all matches.
    func listDetails(
        _ query: JobListQuery, project: ProjectID, completion: @escaping @Sendable (Result<JobPage<Job>, JobError>) -> Void)
}
