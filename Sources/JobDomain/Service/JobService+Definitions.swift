/// Definition changes and lists: each hands its outcome to `completion` exactly once, possibly on
/// another thread (see ``JobService``).
extension JobService {
    /// Changes a job's definition. `edit` receives the current job and returns the new definition; it
    /// may run more than once when the job changes concurrently, on whichever thread the read completes.
    /// A job that may be live on an engine accepts only changes to fields a running job may change in place.
    /// - Parameter completion: the update time in epoch milliseconds, or `JobError.jobNotFound`,
    ///   `.illegalTransition` (a live job and unsafe fields), `.concurrentModification`, errors of `edit`.
    public func update(
        _ id: JobID, in project: ProjectID, context: RequestContext,
        edit: @escaping @Sendable (Job) throws(JobError) -> NewJob,
        completion: @escaping @Sendable (Result<Int64, JobError>) -> Void
    ) {
        replaceDefinition(of: id, in: project, context: context, attempt: 0, completion: completion) {
            (job) throws(JobError) -> (NewJob, Transition) in
            let definition = try edit(job)
            let runtimeSafe = definition.changesOnlyRuntimeSafeFields(comparedTo: job.definition)
            return (definition, try JobStateMachine.transition(from: job.status, on: .update(runtimeSafe: runtimeSafe)))
        }
    }

    /// Replaces a job's whole definition (an import with `is_cover`) and puts it back to `job_init`
    /// (DLI: an overwritten job is a draft). The job keeps its id, type and creator; the change is
    /// journalled as `overwrite`.
    /// - Parameter completion: the update time in epoch milliseconds, or `JobError.jobNotFound`,
    ///   `.illegalTransition` (the job may be live on an engine), `.invalidParameter` (`job_type`
    ///   differs from the job's), `.nameAlreadyExists`, `.concurrentModification`.
    public func overwrite(
        _ id: JobID, in project: ProjectID, with definition: NewJob, context: RequestContext,
        completion: @escaping @Sendable (Result<Int64, JobError>) -> Void
    ) {
        replaceDefinition(of: id, in: project, context: context, attempt: 0, completion: completion) {
            (job) throws(JobError) -> (NewJob, Transition) in
            guard definition.jobType == job.jobType else {
                throw .invalidParameter(name: "job_type", reason: "the existing job is a \(job.jobType.rawValue)")
            }
            let transition = try JobStateMachine.transition(from: job.status, on: .overwrite)
            var replacement = definition
            replacement.userName = job.userName
            return (replacement, transition)
        }
    }

    /// A page of the project's live jobs, as summaries.
    public func list(
        _ query: JobListQuery, in project: ProjectID,
        completion: @escaping @Sendable (Result<JobPage<JobSummary>, JobError>) -> Void
    ) {
        repository.list(query, project: project, completion: completion)
    }

    /// A page of the project's live jobs, each whole.
    public func listDetails(
        _ query: JobListQuery, in project: ProjectID, completion: @escaping @Sendable (Result<JobPage<Job>, JobError>) -> Void
    ) {
        repository.listDetails(query, project: project, completion: completion)
    }

    /// Read the live job, `decide` its new definition and transition, write conditionally on its
    /// version; on a conflict start over (at most ``maxConflictRetries`` attempts).
    private func replaceDefinition(
        of id: JobID, in project: ProjectID, context: RequestContext, attempt: Int,
        completion: @escaping @Sendable (Result<Int64, JobError>) -> Void,
        decide: @escaping @Sendable (Job) throws(JobError) -> (NewJob, Transition)
    ) {
        guard attempt < Self.maxConflictRetries else { return completion(.failure(.concurrentModification(id))) }
        repository.find(id, project: project) { [self] read in
            let job: Job
            let definition: NewJob
            let transition: Transition
            do throws(JobError) {
                guard let found = try read.get() else { throw .jobNotFound(id) }
                if let expected = context.expectedVersion, expected != found.version {
                    throw .versionMismatch(id, expected: expected, current: found.version)
                }
                job = found
                (definition, transition) = try decide(job)
            } catch {
                return completion(.failure(error))
            }
            repository.update(
                id, project: project, definition: definition, transition: transition, expectedVersion: job.version,
                context: context
            ) { written in
                switch written {
                case .failure(let error): completion(.failure(error))
                case .success((.applied, let updatedAt)): completion(.success(updatedAt))
                case .success((.versionConflict, _)):
                    replaceDefinition(
                        of: id, in: project, context: context, attempt: attempt + 1, completion: completion, decide: decide)
                }
            }
        }
    }
}
