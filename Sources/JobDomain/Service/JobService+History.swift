// The journal, the deleted jobs and restore (extensions beyond DLI), over `JobHistoryRepository`. Like
// the rest of the service, each step continues in the previous one's completion.
extension JobService {
    /// A page of the journal of a job of `project`, live or deleted, newest first.
    /// - Parameter completion: the page, or `JobError.jobNotFound` when the project has no such job,
    ///   `.storeUnavailable`, `.internalError`.
    public func journal(
        of id: JobID, in project: ProjectID, query: JournalQuery,
        completion: @escaping @Sendable (Result<CursorPage<JournalEntry, Int64>, JobError>) -> Void
    ) {
        guard let history else { return completion(.failure(.internalError)) }
        history.journal(id, project: project, query: query) { outcome in
            completion(outcome.flatMap { page in page.map { .success($0) } ?? .failure(.jobNotFound(id)) })
        }
    }

    /// A page of the deleted jobs of `project`, newest deletion first.
    public func deletedJobs(
        _ query: DeletedJobListQuery, in project: ProjectID,
        completion: @escaping @Sendable (Result<CursorPage<DeletedJob<JobSummary>, DeletedJobPosition>, JobError>) -> Void
    ) {
        guard let history else { return completion(.failure(.internalError)) }
        history.deletedJobs(query, project: project, completion: completion)
    }

    /// A deleted job of `project` as it was, with its deletion.
    /// - Parameter completion: the job, or `JobError.jobNotFound` when it does not exist in this project
    ///   or is not deleted, `.storeUnavailable`, `.internalError`.
    public func deletedJob(
        _ id: JobID, in project: ProjectID, completion: @escaping @Sendable (Result<DeletedJob<Job>, JobError>) -> Void
    ) {
        guard let history else { return completion(.failure(.internalError)) }
        history.deletedJob(id, project: project) { outcome in
            completion(outcome.flatMap { job in job.map { .success($0) } ?? .failure(.jobNotFound(id)) })
        }
    }

    /// Brings a deleted job back, stopped, with its savepoint (``JobStateMachine/restore(from:deleted:)``),
    /// under its own name or `name`. Read, decide, commit conditionally on the version; retried on a race
    /// (also while engine work of the job is still pending: the delete's stop finishing).
    /// - Parameter completion: the restored job, or `JobError.jobNotFound` when the id does not
    ///   exist in this project, `.illegalTransition` when the job is not deleted, may still run on an
    ///   engine, or is being purged, `.nameAlreadyExists` naming the live job's name, `.concurrentModification`,
    ///   `.storeUnavailable`, `.internalError`.
    public func restore(
        _ id: JobID, in project: ProjectID, as name: String?, context: RequestContext,
        completion: @escaping @Sendable (Result<Job, JobError>) -> Void
    ) {
        guard let history else { return completion(.failure(.internalError)) }
        restore(id, in: project, as: name, context: context, history: history, attempt: 0, completion: completion)
    }

    private func restore(
        _ id: JobID, in project: ProjectID, as name: String?, context: RequestContext, history: any JobHistoryRepository,
        attempt: Int, completion: @escaping @Sendable (Result<Job, JobError>) -> Void
    ) {
        guard attempt < Self.maxConflictRetries else { return completion(.failure(.concurrentModification(id))) }
        repository.snapshot(id, project: project) { [self] read in
            let snapshot: JobSnapshot
            switch read {
            case .failure(let error): return completion(.failure(error))
            case .success(nil): return completion(.failure(.jobNotFound(id)))
            case .success(let found?): snapshot = found
            }
            if let expected = context.expectedVersion, expected != snapshot.version {
                return completion(.failure(.versionMismatch(id, expected: expected, current: snapshot.version)))
            }
            let transition: Transition
            do throws(JobError) {
                transition = try JobStateMachine.restore(from: snapshot.status, deleted: snapshot.isDeleted)
            } catch {
                return completion(.failure(error))
            }
            history.restore(
                transition, job: id, project: project, expectedVersion: snapshot.version, name: name, context: context
            ) { committed in
                switch committed {
                case .success(let job?): completion(.success(job))
                case .success(nil):
                    // Changed since the snapshot, its engine work is pending, or a purge of it began.
                    history.deletedJob(id, project: project) { found in
                        if case .success(let job?) = found, job.deletion.purging {
                            return completion(.failure(.illegalTransition(
                                command: .restore, status: job.job.status, reason: "the job is being purged")))
                        }
                        restore(id, in: project, as: name, context: context, history: history, attempt: attempt + 1, completion: completion)
                    }
                case .failure(.nameAlreadyExists) where name == nil:
                    // The job kept its own name: read it, to name the conflict.
                    history.deletedJob(id, project: project) { found in
                        switch found {
                        case .success(let job?): completion(.failure(.nameAlreadyExists(job.job.name)))
                        case .success(nil): completion(.failure(.concurrentModification(id)))
                        case .failure(let error): completion(.failure(error))
                        }
                    }
                case .failure(let error): completion(.failure(error))
                }
            }
        }
    }
}
