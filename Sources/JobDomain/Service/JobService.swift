/// The job service: applies the lifecycle rules over a repository. Asynchronous like the repository:
/// every operation hands its outcome to `completion` exactly once, possibly on another thread, and
/// each step continues in the previous one's completion, so it waits on no thread when the repository
/// does not (callers that must wait use `Completion.wait`). Engine work is only enqueued here (a
/// reconciler carries it out), so no request waits on an engine.
public struct JobService: Sendable {
    /// How often a command is retried when the job changes between read and conditional write.
    public static let maxConflictRetries = 8

    let repository: any JobRepository
    /// Where `template_id` on create finds a template's SQL; nil: `template_id` is only recorded.
    private let templates: (any TemplateRepository)?
    /// The journal and the deleted jobs (`JobService+History.swift`); nil: those calls fail with `.internalError`.
    let history: (any JobHistoryRepository)?

    /// - Parameters:
    ///   - repository: the jobs.
    ///   - templates: where `template_id` finds a template's SQL.
    ///   - history: the journal and the deleted jobs; by default `repository`, when it keeps them too.
    public init(
        repository: any JobRepository, templates: (any TemplateRepository)? = nil,
        history: (any JobHistoryRepository)? = nil
    ) {
        self.repository = repository
        self.templates = templates
        self.history = history ?? (repository as? any JobHistoryRepository)
    }

    /// Creates a job in `job_init`. Without `sqlBody`, a `templateID` fills it with the template's SQL
    /// (dli-api.md §3.1: when both are given, `sql_body` wins); the template is read first.
    /// - Parameter completion: the job, or `JobError.nameAlreadyExists`, `.invalidParameter("template_id")`
    ///   for an unknown or deleted template, `.storeUnavailable`, `.internalError`.
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

    /// Soft-deletes a job in any state. A job that may be live on an engine gets engine work to stop it,
    /// carrying `options` (how to stop it; nil fields: the service's setting).
    /// - Parameter completion: the outcome, or `JobError.jobNotFound` when the id does not exist in
    ///   this project, `.deletionProtected`, `.concurrentModification`, `.storeUnavailable`, `.internalError`.
    public func delete(
        _ id: JobID, in project: ProjectID, options: StopOptions = StopOptions(), context: RequestContext,
        completion: @escaping @Sendable (Result<DeleteOutcome, JobError>) -> Void
    ) {
        let changes = JobFieldChanges(engineParameters: options.engineParameters)
        perform(.delete, on: id, in: project, changes: changes, context: context, attempt: 0) { outcome in
            switch outcome {
            case .success(let transition): completion(.success(.deleted(transition)))
            case .failure(.jobAlreadyDeleted): completion(.success(.alreadyDeleted))
            case .failure(let error): completion(.failure(error.asJobError))
            }
        }
    }

    /// Applies a lifecycle command: read, decide with `JobStateMachine`, commit conditionally; retry on a race.
    /// - Parameter completion: the recorded transition, or `JobError.jobNotFound` (also for a deleted
    ///   job), `.illegalTransition`, `.concurrentModification`, `.storeUnavailable`, `.internalError`.
    public func apply(
        _ command: JobCommand, to id: JobID, in project: ProjectID, changes: JobFieldChanges = .none,
        context: RequestContext, completion: @escaping @Sendable (Result<Transition, JobError>) -> Void
    ) {
        perform(command, on: id, in: project, changes: changes, context: context, attempt: 0) { outcome in
            completion(outcome.mapError(\.asJobError))
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
            if case .delete = command, snapshot.deletionProtection {
                return completion(.failure(.job(.deletionProtected(id))))
            }
            if let expected = context.expectedVersion, expected != snapshot.version {
                return completion(.failure(.job(.versionMismatch(id, expected: expected, current: snapshot.version))))
            }
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
}
