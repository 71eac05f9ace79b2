/// The job service: applies the lifecycle rules over a repository. Synchronous; engine work is only
/// enqueued here (a reconciler carries it out), so no request waits on an engine.
public struct JobService: Sendable {
    /// How often a command is retried when the job changes between read and conditional write.
    public static let maxConflictRetries = 8

    private let repository: any JobRepository

    public init(repository: any JobRepository) {
        self.repository = repository
    }

    /// Creates a job in `job_init`.
    /// - Throws: `JobError.nameAlreadyExists`, `.storeUnavailable`, `.internalError`.
    public func create(_ job: NewJob, in project: ProjectID, context: RequestContext) throws(JobError) -> Job {
        try repository.insert(job, project: project, context: context)
    }

    /// The live job with this id.
    /// - Throws: `JobError.jobNotFound` when it does not exist in this project or was deleted.
    public func job(_ id: JobID, in project: ProjectID) throws(JobError) -> Job {
        guard let job = try repository.find(id, project: project) else { throw .jobNotFound(id) }
        return job
    }

    /// The result of a delete.
    public enum DeleteOutcome: Sendable, Equatable {
        /// This call deleted the job (recording `transition`).
        case deleted(Transition)
        /// The job had already been deleted; nothing changed (deletes are idempotent).
        case alreadyDeleted
    }

    /// Soft-deletes a job in any state. A job that may be live on an engine gets engine work to stop it.
    /// - Throws: `JobError.jobNotFound` when the id does not exist in this project.
    public func delete(_ id: JobID, in project: ProjectID, context: RequestContext) throws(JobError) -> DeleteOutcome {
        do {
            return .deleted(try perform(.delete, on: id, in: project, context: context))
        } catch .jobAlreadyDeleted {
            return .alreadyDeleted
        } catch let error {
            throw error.asJobError
        }
    }

    /// Applies a lifecycle command: read, decide with `JobStateMachine`, commit conditionally; retry on a race.
    /// - Throws: `JobError.jobNotFound` (also for a deleted job), `.illegalTransition`, `.concurrentModification`.
    public func apply(_ command: JobCommand, to id: JobID, in project: ProjectID, context: RequestContext) throws(JobError)
        -> Transition
    {
        do {
            return try perform(command, on: id, in: project, context: context)
        } catch let error {
            throw error.asJobError
        }
    }

    private enum PerformError: Error {
        case jobAlreadyDeleted(JobID)
        case job(JobError)

        var asJobError: JobError {
            switch self {
            case .jobAlreadyDeleted(let id): return .jobNotFound(id)
            case .job(let error): return error
            }
        }
    }

    private func perform(_ command: JobCommand, on id: JobID, in project: ProjectID, context: RequestContext)
        throws(PerformError) -> Transition
    {
        do {
            for _ in 0..<Self.maxConflictRetries {
                guard let snapshot = try repository.snapshot(id, project: project) else { throw JobError.jobNotFound(id) }
                if snapshot.isDeleted { throw PerformError.jobAlreadyDeleted(id) }
                let transition = try JobStateMachine.transition(from: snapshot.status, on: command)
                switch try repository.commit(
                    transition, job: id, project: project, expectedVersion: snapshot.version, context: context)
                {
                case .applied: return transition
                case .versionConflict: continue
                }
            }
            throw JobError.concurrentModification(id)
        } catch let error as PerformError {
            throw error
        } catch let error as JobError {
            throw .job(error)
        } catch {
            throw .job(.internalError)
        }
    }
}
