/// The job service: applies the lifecycle rules over a repository. Synchronous; engine work is only
/// enqueued here (a reconciler carries it out), so no request waits on an engine.
public struct JobService: Sendable {
    /// How often a command is retried when the job changes between read and conditional write.
    public static let maxConflictRetries = 8

    private let repository: any JobRepository
    /// Where `template_id` on create finds a template's SQL; nil: `template_id` is only recorded.
    private let templates: (any TemplateRepository)?

    public init(repository: any JobRepository, templates: (any TemplateRepository)? = nil) {
        self.repository = repository
        self.templates = templates
    }

    /// Creates a job in `job_init`. Without `sqlBody`, a `templateID` fills it with the template's SQL
    /// (dli-api.md §3.1: when both are given, `sql_body` wins).
    /// - Throws: `JobError.nameAlreadyExists`, `.invalidParameter("template_id")` for an unknown or
    ///   deleted template, `.storeUnavailable`, `.internalError`.
    public func create(_ job: NewJob, in project: ProjectID, context: RequestContext) throws(JobError) -> Job {
        var job = job
        if job.sqlBody == nil, let templates, let raw = job.templateID {
            guard let id = TemplateID(raw), let template = try templates.find(id, project: project) else {
                throw .invalidParameter(name: "template_id", reason: "no template \(raw) exists in this project")
            }
            job.sqlBody = template.sqlBody
        }
        return try repository.insert(job, project: project, context: context)
    }

    /// ``create(_:in:context:)`` without blocking: `completion` gets the job or the error exactly once,
    /// possibly on another thread. A template named by `template_id` is read first, without blocking
    /// either when the template repository reads asynchronously.
    public func create(
        _ job: NewJob, in project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Job, JobError>) -> Void
    ) {
        guard job.sqlBody == nil, let templates, let raw = job.templateID else {
            return repository.insert(job, project: project, context: context, completion: completion)
        }
        let unknown = JobError.invalidParameter(name: "template_id", reason: "no template \(raw) exists in this project")
        guard let id = TemplateID(raw) else { return completion(.failure(unknown)) }
        templates.find(id, project: project) { [repository] found in
            switch found {
            case .failure(let error):
                completion(.failure(error))
            case .success(nil):
                completion(.failure(unknown))
            case .success(let template?):
                var job = job
                job.sqlBody = template.sqlBody
                repository.insert(job, project: project, context: context, completion: completion)
            }
        }
    }

    /// The live job with this id.
    /// - Throws: `JobError.jobNotFound` when it does not exist in this project or was deleted.
    public func job(_ id: JobID, in project: ProjectID) throws(JobError) -> Job {
        guard let job = try repository.find(id, project: project) else { throw .jobNotFound(id) }
        return job
    }

    /// The live job with this id, handed to `completion` (exactly once, possibly on another thread)
    /// without blocking the caller when the repository reads asynchronously.
    /// - Parameter completion: the job, or `JobError.jobNotFound` when it does not exist in this
    ///   project or was deleted, `.storeUnavailable`, `.internalError`.
    public func job(
        _ id: JobID, in project: ProjectID, completion: @escaping @Sendable (Result<Job, JobError>) -> Void
    ) {
        repository.find(id, project: project) { outcome in
            completion(outcome.flatMap { job in job.map { .success($0) } ?? .failure(.jobNotFound(id)) })
        }
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
        try Completion.wait { done in delete(id, in: project, context: context, completion: done) }.get()
    }

    /// ``delete(_:in:context:)`` without blocking: `completion` gets the outcome exactly once, possibly
    /// on another thread.
    public func delete(
        _ id: JobID, in project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<DeleteOutcome, JobError>) -> Void
    ) {
        perform(.delete, on: id, in: project, changes: .none, context: context, attempt: 0) { outcome in
            switch outcome {
            case .success(let transition): completion(.success(.deleted(transition)))
            case .failure(.jobAlreadyDeleted): completion(.success(.alreadyDeleted))
            case .failure(let error): completion(.failure(error.asJobError))
            }
        }
    }

    /// Applies a lifecycle command: read, decide with `JobStateMachine`, commit conditionally; retry on a race.
    /// - Throws: `JobError.jobNotFound` (also for a deleted job), `.illegalTransition`, `.concurrentModification`.
    public func apply(
        _ command: JobCommand, to id: JobID, in project: ProjectID, changes: JobFieldChanges = .none,
        context: RequestContext
    ) throws(JobError) -> Transition {
        let outcome = Completion.wait { done in
            perform(command, on: id, in: project, changes: changes, context: context, attempt: 0, completion: done)
        }
        return try outcome.mapError(\.asJobError).get()
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

    /// Read the snapshot, decide with `JobStateMachine`, commit conditionally on its version; on a
    /// conflict start over (at most ``maxConflictRetries`` attempts). Blocks nothing when the repository
    /// does not: each step continues in the previous one's completion.
    private func perform(
        _ command: JobCommand, on id: JobID, in project: ProjectID, changes: JobFieldChanges, context: RequestContext,
        attempt: Int, completion: @escaping @Sendable (Result<Transition, PerformError>) -> Void
    ) {
        guard attempt < Self.maxConflictRetries else {
            completion(.failure(.job(.concurrentModification(id))))
            return
        }
        repository.snapshot(id, project: project) { [self] read in
            let snapshot: JobSnapshot
            switch read {
            case .failure(let error): return completion(.failure(.job(error)))
            case .success(nil): return completion(.failure(.job(.jobNotFound(id))))
            case .success(let found?): snapshot = found
            }
            if snapshot.isDeleted { return completion(.failure(.jobAlreadyDeleted(id))) }
            let transition: Transition
            do throws(JobError) {
                transition = try JobStateMachine.transition(from: snapshot.status, on: command)
            } catch {
                return completion(.failure(.job(error)))
            }
            repository.commit(
                transition, job: id, project: project, expectedVersion: snapshot.version, changes: changes,
                context: context
            ) { committed in
                switch committed {
                case .failure(let error): completion(.failure(.job(error)))
                case .success(.applied): completion(.success(transition))
                case .success(.versionConflict):
                    perform(command, on: id, in: project, changes: changes, context: context, attempt: attempt + 1, completion: completion)
                }
            }
        }
    }

    /// Changes a job's definition. `edit` receives the current job and returns the new definition; it
    /// may run more than once when the job changes concurrently. A job that may be live on an engine
    /// accepts only changes to fields a running job may change in place.
    /// - Returns: the update time in epoch milliseconds.
    /// - Throws: `JobError.jobNotFound`, `.illegalTransition` (a live job and unsafe fields), errors of `edit`.
    public func update(
        _ id: JobID, in project: ProjectID, context: RequestContext, edit: (Job) throws(JobError) -> NewJob
    ) throws(JobError) -> Int64 {
        for _ in 0..<Self.maxConflictRetries {
            guard let job = try repository.find(id, project: project) else { throw .jobNotFound(id) }
            let definition = try edit(job)
            let runtimeSafe = definition.changesOnlyRuntimeSafeFields(comparedTo: job.definition)
            let transition = try JobStateMachine.transition(from: job.status, on: .update(runtimeSafe: runtimeSafe))
            let (outcome, updatedAt) = try repository.update(
                id, project: project, definition: definition, transition: transition, expectedVersion: job.version,
                context: context)
            if case .applied = outcome { return updatedAt }
        }
        throw .concurrentModification(id)
    }

    /// A page of the project's live jobs, as summaries.
    public func list(_ query: JobListQuery, in project: ProjectID) throws(JobError) -> JobPage<JobSummary> {
        try repository.list(query, project: project)
    }

    /// A page of the project's live jobs, each whole.
    public func listDetails(_ query: JobListQuery, in project: ProjectID) throws(JobError) -> JobPage<Job> {
        try repository.listDetails(query, project: project)
    }

    /// Replaces a job's whole definition (an import with `is_cover`) and puts it back to `job_init`
    /// (DLI: an overwritten job is a draft). The job keeps its id, type and creator; the change is
    /// journalled as `overwrite`.
    /// - Returns: the update time in epoch milliseconds.
    /// - Throws: `JobError.jobNotFound`, `.illegalTransition` (the job may be live on an engine),
    ///   `.invalidParameter` (`job_type` differs from the job's), `.nameAlreadyExists`, `.concurrentModification`.
    public func overwrite(_ id: JobID, in project: ProjectID, with definition: NewJob, context: RequestContext)
        throws(JobError) -> Int64
    {
        for _ in 0..<Self.maxConflictRetries {
            guard let job = try repository.find(id, project: project) else { throw .jobNotFound(id) }
            guard definition.jobType == job.jobType else {
                throw .invalidParameter(name: "job_type", reason: "the existing job is a \(job.jobType.rawValue)")
            }
            let transition = try JobStateMachine.transition(from: job.status, on: .overwrite)
            var replacement = definition
            replacement.userName = job.userName
            let (outcome, updatedAt) = try repository.update(
                id, project: project, definition: replacement, transition: transition, expectedVersion: job.version,
                context: context)
            if case .applied = outcome { return updatedAt }
        }
        throw .concurrentModification(id)
    }
}
