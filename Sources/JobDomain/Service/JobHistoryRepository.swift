/// What the store keeps of a job beyond DLI's view of it: the journal of every transition and the
/// soft-deleted jobs, and bringing a deleted job back. Scoped to one project like `JobRepository`, and
/// asynchronous in the same way: each method hands its outcome to `completion` exactly once, possibly on
/// another thread, and makes no HTTP worker wait (ARCHITECTURE.md §3).
public protocol JobHistoryRepository: Sendable {
    /// Completes with a page of the journal of a job of this project, live or deleted, newest first, or
    /// nil when the project has no job with this id.
    func journal(
        _ id: JobID, project: ProjectID, query: JournalQuery,
        completion: @escaping @Sendable (Result<CursorPage<JournalEntry, Int64>?, JobError>) -> Void)

    /// Completes with a page of the project's deleted jobs matching `query`, newest deletion first.
    func deletedJobs(
        _ query: DeletedJobListQuery, project: ProjectID,
        completion: @escaping @Sendable (Result<CursorPage<DeletedJob<JobSummary>, DeletedJobPosition>, JobError>) -> Void)

    /// Completes with the deleted job with this id, or nil when it does not exist in this project or is live.
    func deletedJob(
        _ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<DeletedJob<Job>?, JobError>) -> Void)

    /// Records `transition` (a restore) if the job is still deleted at `expectedVersion` and no engine work
    /// of it is pending: clears the deletion, sets the status, renames the job to `name` when given, and
    /// writes the journal entry and the request's audit event, in one transaction.
    /// - Parameter completion: the restored job, nil when nothing was written (the job changed since the
    ///   snapshot, or its engine work is pending), or `JobError.nameAlreadyExists` when a live job has the
    ///   name (`name`, or "" when the job keeps its own), `.storeUnavailable`, `.internalError`.
    func restore(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, name: String?,
        context: RequestContext, completion: @escaping @Sendable (Result<Job?, JobError>) -> Void)
}
