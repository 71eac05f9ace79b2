import JobDomain
import Logging
import PostgresClient

/// `JobRepository` on PostgreSQL. Every statement is scoped by `project_id` and runs in a transaction
/// scoped to the project (row-level security, `StoreAccess+Project.swift`); soft deletes keep rows.
/// Every write records the request's audit event (`RequestContext.audit`) in its own statement
/// (`AuditInTransaction`) and marks it recorded once committed.
///
/// Every method is one fixed list of statements (a ``ScopedCall``) run as one pipeline unit: it waits on
/// no thread. Without pipelines the unit runs on a pooled connection on the caller's thread and
/// completes before returning.
///
/// Driver errors are mapped to `JobError` here and only here; the log line names the SQLSTATE and
/// constraint, never the server's message (it can quote bind values).
public final class PostgresJobRepository: JobRepository {
    let access: StoreAccess

    /// - Parameters:
    ///   - pool: connections to a database migrated to at least this binary's schema.
    ///   - pipelines: sessions in pipeline mode, where every call goes; without them calls use `pool`
    ///     and block the caller (only executor threads and tests may then call).
    ///   - logger: where unexpected database errors are reported.
    public init(pool: PGPool, pipelines: PGPipelineGroup? = nil, logger: Logger) {
        access = StoreAccess(
            pool: pool, logger: logger, store: "jobs", conflicts: ["jobs_live_name_key": .nameAlreadyExists("")],
            pipelines: pipelines)
    }

    public func insert(
        _ job: NewJob, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Job, JobError>) -> Void
    ) {
        let name = job.name
        access.submit(Self.insertCall(job, project: project, context: context), project: project) { outcome in
            completion(outcome.mapError { error in if case .nameAlreadyExists = error { .nameAlreadyExists(name) } else { error } })
        }
    }

    public func find(
        _ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<Job?, JobError>) -> Void
    ) {
        access.submit(Self.findCall(id, project: project), project: project, completion: completion)
    }

    public func snapshot(
        _ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<JobSnapshot?, JobError>) -> Void
    ) {
        access.submit(Self.snapshotCall(id, project: project), project: project, completion: completion)
    }

    public func commit(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges,
        context: RequestContext, completion: @escaping @Sendable (Result<CommitOutcome, JobError>) -> Void
    ) {
        access.submit(
            Self.commitCall(transition, job: id, project: project, expectedVersion: expectedVersion, changes: changes, context: context),
            project: project, completion: completion)
    }

    public func update(
        _ id: JobID, project: ProjectID, definition: NewJob, transition: Transition, expectedVersion: Int64,
        context: RequestContext,
        completion: @escaping @Sendable (Result<(CommitOutcome, updatedAtMillis: Int64), JobError>) -> Void
    ) {
        let name = definition.name
        let call = Self.updateCall(
            id, project: project, definition: definition, transition: transition, expectedVersion: expectedVersion,
            context: context)
        access.submit(call, project: project) { outcome in
            completion(outcome.mapError { error in if case .nameAlreadyExists = error { .nameAlreadyExists(name) } else { error } })
        }
    }

    public func list(
        _ query: JobListQuery, project: ProjectID,
        completion: @escaping @Sendable (Result<JobPage<JobSummary>, JobError>) -> Void
    ) {
        let call = Self.pageCall(query, project: project, detail: false) { result, row in
            try JobSummaryColumns.summary(result, row: row, project: project)
        }
        access.submit(call, project: project, completion: completion)
    }

    public func listDetails(
        _ query: JobListQuery, project: ProjectID, completion: @escaping @Sendable (Result<JobPage<Job>, JobError>) -> Void
    ) {
        let call = Self.pageCall(query, project: project, detail: true) { result, row in try JobRowDecoder.job(result, row: row) }
        access.submit(call, project: project, completion: completion)
    }
}
