import JobDomain
import Logging
import PostgresClient

/// `JobRepository` on PostgreSQL. Every statement is scoped by `project_id` and runs in a transaction
/// scoped to the project (row-level security, `StoreAccess+Project.swift`); soft deletes keep rows.
/// Every write records the request's audit event (`RequestContext.audit`) in its own statement
/// (`AuditInTransaction`) and marks it recorded once committed.
///
/// Driver errors are mapped to `JobError` here and only here; the log line names the SQLSTATE and
/// constraint, never the server's message (it can quote bind values).
public final class PostgresJobRepository: JobRepository {
    private let access: StoreAccess

    /// - Parameters:
    ///   - pool: connections to a database migrated to at least this binary's schema.
    ///   - pipelines: sessions in pipeline mode for the reads that need not block (``find(_:project:completion:)``);
    ///     without them those reads use `pool` too.
    ///   - logger: where unexpected database errors are reported.
    public init(pool: PGPool, pipelines: PGPipelineGroup? = nil, logger: Logger) {
        access = StoreAccess(
            pool: pool, logger: logger, store: "jobs", conflicts: ["jobs_live_name_key": .nameAlreadyExists("")],
            pipelines: pipelines)
    }

    public func insert(_ job: NewJob, project: ProjectID, context: RequestContext) throws(JobError) -> Job {
        do {
            return try access.run(Self.insertCall(job, project: project, context: context), project: project)
        } catch .nameAlreadyExists {
            throw .nameAlreadyExists(job.name)
        }
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

    public func find(_ id: JobID, project: ProjectID) throws(JobError) -> Job? {
        try access.run(Self.findCall(id, project: project), project: project)
    }

    public func find(
        _ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<Job?, JobError>) -> Void
    ) {
        access.submit(Self.findCall(id, project: project), project: project, completion: completion)
    }

    public func snapshot(_ id: JobID, project: ProjectID) throws(JobError) -> JobSnapshot? {
        try access.run(Self.snapshotCall(id, project: project), project: project)
    }

    public func snapshot(
        _ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<JobSnapshot?, JobError>) -> Void
    ) {
        access.submit(Self.snapshotCall(id, project: project), project: project, completion: completion)
    }

    public func commit(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges,
        context: RequestContext
    ) throws(JobError) -> CommitOutcome {
        try access.run(
            Self.commitCall(transition, job: id, project: project, expectedVersion: expectedVersion, changes: changes, context: context),
            project: project)
    }

    public func commit(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges,
        context: RequestContext, completion: @escaping @Sendable (Result<CommitOutcome, JobError>) -> Void
    ) {
        access.submit(
            Self.commitCall(transition, job: id, project: project, expectedVersion: expectedVersion, changes: changes, context: context),
            project: project, completion: completion)
    }

    // MARK: the calls, blocking or not

    private static func insertCall(_ job: NewJob, project: ProjectID, context: RequestContext) -> ScopedCall<Job> {
        var parameters = JobRowEncoder.insertParameters(job, project: project)
        parameters.append(context.requestID)
        parameters.append(context.actor)
        parameters += AuditInTransaction.parameters(context)
        return ScopedCall(operation: "insert", statement: JobStatements.insert, parameters: parameters, readOnly: false) { result in
            let job = try JobRowDecoder.job(result, row: 0)
            AuditInTransaction.committed(context)
            return job
        }
    }

    private static func findCall(_ id: JobID, project: ProjectID) -> ScopedCall<Job?> {
        ScopedCall(operation: "find", statement: JobStatements.findLive, parameters: [project.rawValue, id.rawValue], readOnly: true) {
            result in result.rowCount == 0 ? nil : try JobRowDecoder.job(result, row: 0)
        }
    }

    private static func snapshotCall(_ id: JobID, project: ProjectID) -> ScopedCall<JobSnapshot?> {
        ScopedCall(
            operation: "snapshot", statement: JobStatements.snapshot, parameters: [project.rawValue, id.rawValue],
            readOnly: true
        ) { result in
            guard result.rowCount > 0 else { return nil }
            guard let raw = result.string(0, 0), let status = JobStatus(rawValue: raw), let version = result.int64(0, 1),
                let deleted = result.bool(0, 2)
            else { throw CorruptRow(column: "status") }
            return JobSnapshot(status: status, version: version, isDeleted: deleted)
        }
    }

    private static func commitCall(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges,
        context: RequestContext
    ) -> ScopedCall<CommitOutcome> {
        let parameters: [any PGBindable] = [
            project.rawValue, id.rawValue, expectedVersion, transition.to.rawValue, transition.softDeletes,
            context.requestID, context.actor, transition.command.name, transition.from.rawValue,
            transition.engineWork?.rawValue, changes.savepointPath, JobRowEncoder.objectJSON(changes.engineParameters),
        ] + AuditInTransaction.parameters(context)
        return ScopedCall(operation: "commit", statement: JobStatements.commitTransition, parameters: parameters, readOnly: false) {
            result in
            guard result.rowCount == 1, let version = result.int64(0, 0) else { return .versionConflict }
            AuditInTransaction.committed(context)
            return .applied(version: version)
        }
    }

    public func update(
        _ id: JobID, project: ProjectID, definition: NewJob, transition: Transition, expectedVersion: Int64,
        context: RequestContext
    ) throws(JobError) -> (CommitOutcome, updatedAtMillis: Int64) {
        var parameters = JobRowEncoder.updateParameters(definition)
        parameters += [
            project.rawValue, id.rawValue, expectedVersion, context.requestID, context.actor, transition.command.name,
            transition.from.rawValue, transition.to.rawValue,
        ] as [any PGBindable]
        parameters += AuditInTransaction.parameters(context)
        do {
            return try access.run("update", project: project, JobStatements.update, parameters) { result in
                guard result.rowCount == 1, let updatedAt = result.int64(0, 1), let version = result.int64(0, 0) else {
                    return (.versionConflict, 0)
                }
                AuditInTransaction.committed(context)
                return (.applied(version: version), updatedAt)
            }
        } catch .nameAlreadyExists {
            throw .nameAlreadyExists(definition.name)
        }
    }

    public func list(_ query: JobListQuery, project: ProjectID) throws(JobError) -> JobPage<JobSummary> {
        try page(query, project: project, detail: false) { result, row in
            try JobSummaryColumns.summary(result, row: row, project: project)
        }
    }

    public func listDetails(_ query: JobListQuery, project: ProjectID) throws(JobError) -> JobPage<Job> {
        try page(query, project: project, detail: true) { result, row in try JobRowDecoder.job(result, row: row) }
    }

    /// Counts the matches and reads one page in one pipeline, decoding each row with `decode`.
    private func page<Item>(
        _ query: JobListQuery, project: ProjectID, detail: Bool, decode: (PGResult, Int) throws -> Item
    ) throws(JobError) -> JobPage<Item> {
        let statements = JobListStatements(query, project: project, detail: detail)
        var batch = PGBatch(statements.count, statements.countParameters)
        batch.add(statements.page, statements.pageParameters)
        return try access.run(detail ? "list details" : "list", project: project, batch) { results in
            let total = results[0].int64(0, 0) ?? 0
            let result = results[1]
            var items: [Item] = []
            items.reserveCapacity(result.rowCount)
            for row in 0..<result.rowCount { items.append(try decode(result, row)) }
            return JobPage(totalCount: total, jobs: items)
        }
    }
}
