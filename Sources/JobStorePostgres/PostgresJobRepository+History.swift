import JobDomain
import PostgresClient

/// The journal, the deleted jobs and restore on PostgreSQL: each method one pipeline unit like the rest
/// of ``PostgresJobRepository`` (reads share a Sync with other reads; restore is its own transaction).
extension PostgresJobRepository: JobHistoryRepository {
    public func journal(
        _ id: JobID, project: ProjectID, query: JournalQuery,
        completion: @escaping @Sendable (Result<CursorPage<JournalEntry, Int64>?, JobError>) -> Void
    ) {
        access.submit(Self.journalCall(id, project: project, query: query), project: project, completion: completion)
    }

    public func deletedJobs(
        _ query: DeletedJobListQuery, project: ProjectID,
        completion: @escaping @Sendable (Result<CursorPage<DeletedJob<JobSummary>, DeletedJobPosition>, JobError>) -> Void
    ) {
        access.submit(Self.deletedJobsCall(query, project: project), project: project, completion: completion)
    }

    public func deletedJob(
        _ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<DeletedJob<Job>?, JobError>) -> Void
    ) {
        let call = ScopedCall(
            operation: "find deleted", statement: JobHistoryStatements.findDeleted,
            parameters: [project.rawValue, id.rawValue], readOnly: true
        ) { result -> DeletedJob<Job>? in
            guard result.rowCount > 0 else { return nil }
            let job = try JobRowDecoder.job(result, row: 0)
            return DeletedJob(job: job, deletion: try Self.deletion(result, row: 0, from: JobColumns.all.count, job: id))
        }
        access.submit(call, project: project, completion: completion)
    }

    public func restore(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, name: String?,
        context: RequestContext, completion: @escaping @Sendable (Result<Job?, JobError>) -> Void
    ) {
        let detail = name.map { "restored as '\($0)'" } ?? "restored"
        let parameters: [any PGBindable] = [
            project.rawValue, id.rawValue, expectedVersion, transition.to.rawValue, name, context.requestID,
            context.actor, transition.command.name, transition.from.rawValue, detail,
        ] + AuditInTransaction.parameters(context)
        let call = ScopedCall(operation: "restore", statement: JobHistoryStatements.restore, parameters: parameters, readOnly: false) {
            result -> Job? in
            guard result.rowCount == 1 else { return nil }
            let job = try JobRowDecoder.job(result, row: 0)
            AuditInTransaction.committed(context)
            return job
        }
        access.submit(call, project: project) { outcome in
            completion(outcome.mapError { error in if case .nameAlreadyExists = error { .nameAlreadyExists(name ?? "") } else { error } })
        }
    }

    static func journalCall(_ id: JobID, project: ProjectID, query: JournalQuery) -> ScopedCall<CursorPage<JournalEntry, Int64>?> {
        var batch = PGBatch(JobHistoryStatements.jobExists, [project.rawValue, id.rawValue])
        batch.add(
            JobHistoryStatements.journalPage,
            [project.rawValue, id.rawValue, query.beforeVersion ?? Int64.max, Int64(query.limit) + 1])
        return ScopedCall(operation: "journal", batch: batch, readOnly: true) { results in
            guard results[0].rowCount > 0 else { return nil }
            let r = results[1]
            var rows: [JournalEntry] = []
            rows.reserveCapacity(r.rowCount)
            for row in 0..<r.rowCount { rows.append(try journalEntry(r, row: row)) }
            return CursorPage(rows: rows, limit: query.limit) { $0.version }
        }
    }

    static func journalEntry(_ r: PGResult, row: Int) throws -> JournalEntry {
        guard let version = r.int64(row, 0), let recorded = r.int64(row, 1), let event = r.string(row, 2),
            let to = r.string(row, 4).flatMap(JobStatus.init(rawValue:)), let deleted = r.bool(row, 5),
            let detail = r.string(row, 9)
        else { throw CorruptRow(column: "job_journal") }
        let from: JobStatus?
        if r.isNull(row, 3) {
            from = nil
        } else {
            guard let status = r.string(row, 3).flatMap(JobStatus.init(rawValue:)) else { throw CorruptRow(column: "from_status") }
            from = status
        }
        return JournalEntry(
            version: version, recordedAtMillis: recorded, event: event, from: from, to: to, deleted: deleted,
            engineWork: r.string(row, 6), requestID: r.string(row, 7), actor: r.string(row, 8), detail: detail,
            engineJobID: r.string(row, 10), savepointPath: r.string(row, 11))
    }

    static func deletedJobsCall(_ query: DeletedJobListQuery, project: ProjectID)
        -> ScopedCall<CursorPage<DeletedJob<JobSummary>, DeletedJobPosition>>
    {
        let statements = DeletedJobListStatements(query, project: project)
        return ScopedCall(operation: "list deleted", statement: statements.page, parameters: statements.parameters, readOnly: true) {
            r in
            var rows: [DeletedJob<JobSummary>] = []
            rows.reserveCapacity(r.rowCount)
            for row in 0..<r.rowCount {
                let job = try JobSummaryColumns.summary(r, row: row, project: project)
                rows.append(
                    DeletedJob(job: job, deletion: try deletion(r, row: row, from: JobSummaryColumns.all.count, job: job.id)))
            }
            return CursorPage(rows: rows, limit: query.limit) { $0.deletion.position }
        }
    }

    /// The `JobHistoryStatements.deletionColumns` of a row, starting at column `first`.
    static func deletion(_ r: PGResult, row: Int, from first: Int, job: JobID) throws -> JobDeletion {
        guard let at = r.int64(row, first), let status = r.string(row, first + 3).flatMap(JobStatus.init(rawValue:)),
            let micros = r.int64(row, first + 4)
        else { throw CorruptRow(column: "deleted_at") }
        return JobDeletion(
            deletedAtMillis: at, deletedBy: r.string(row, first + 1), requestID: r.string(row, first + 2),
            statusAtDelete: status, position: DeletedJobPosition(deletedAtMicros: micros, jobID: job),
            purgeAtMillis: r.int64(row, first + 5), purging: r.bool(row, first + 6) ?? false)
    }
}
