/// The one error type of the job domain. The API layer maps each case to a DLI error code and
/// HTTP status in one table; nothing here carries SQL, bind values or secrets.
public enum JobError: Error, Sendable, Equatable {
    /// A parameter failed validation; `name` is the parameter as the client spelled it.
    case invalidParameter(name: String, reason: String)
    /// No live job with this id in this project (also for ids that exist in other projects).
    case jobNotFound(JobID)
    /// A live job with this name already exists in the project.
    case nameAlreadyExists(String)
    /// The command is not allowed in the job's current status.
    case illegalTransition(command: JobCommand, status: JobStatus, reason: String)
    /// The job changed under us more often than the retry budget allows; the caller may retry.
    case concurrentModification(JobID)
    /// The request's precondition (`RequestContext.expectedVersion`) names another version than the job has.
    case versionMismatch(JobID, expected: Int64, current: Int64)
    /// The job has `deletion_protection` set: it cannot be deleted until that is cleared.
    case deletionProtected(JobID)
    /// The store cannot be reached right now; the caller may retry later.
    case storeUnavailable
    /// Anything else; details are logged, never returned.
    case internalError
    /// No live template with this id in this project (also for ids in other projects, and deleted ones).
    case templateNotFound(TemplateID)
    /// A live template with this name already exists in the project.
    case templateNameAlreadyExists(String)
    /// The project already has the maximum number of live objects of this kind (e.g. 100 templates).
    case quotaExceeded(resource: String, limit: Int)
}
