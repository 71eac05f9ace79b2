import JobDomain
import PostgresClient

/// The statements of each ``PostgresJobRepository`` method as a ``ScopedCall``, with how its results
/// are decoded.
extension PostgresJobRepository {
    static func insertCall(_ job: NewJob, project: ProjectID, context: RequestContext) -> ScopedCall<Job> {
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

    static func findCall(_ id: JobID, project: ProjectID) -> ScopedCall<Job?> {
        ScopedCall(operation: "find", statement: JobStatements.findLive, parameters: [project.rawValue, id.rawValue], readOnly: true) {
            result in result.rowCount == 0 ? nil : try JobRowDecoder.job(result, row: 0)
        }
    }

    static func snapshotCall(_ id: JobID, project: ProjectID) -> ScopedCall<JobSnapshot?> {
        ScopedCall(
            operation: "snapshot", statement: JobStatements.snapshot, parameters: [project.rawValue, id.rawValue],
            readOnly: true
        ) { result in
            guard result.rowCount > 0 else { return nil }
            guard let raw = result.string(0, 0), let status = JobStatus(rawValue: raw), let version = result.int64(0, 1),
                let deleted = result.bool(0, 2)
            else { throw CorruptRow(column: "status") }
            return JobSnapshot(
                status: status, version: version, isDeleted: deleted, deletionProtection: result.bool(0, 3) ?? false)
        }
    }

    static func commitCall(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges,
        context: RequestContext
    ) -> ScopedCall<CommitOutcome> {
        let parameters: [any PGBindable] = [
            project.rawValue, id.rawValue, expectedVersion, transition.to.rawValue, transition.softDeletes,
            context.requestID, context.actor, transition.command.name, transition.from.rawValue,
            transition.engineWork?.rawValue, changes.savepointPath, JobRowEncoder.objectJSON(changes.engineParameters),
        ] + AuditInTransaction.parameters(context) + [transition.from.mayBeLiveOnEngine]
        return ScopedCall(operation: "commit", statement: JobStatements.commitTransition, parameters: parameters, readOnly: false) {
            result in
            guard result.rowCount == 1, let version = result.int64(0, 0) else { return .versionConflict }
            AuditInTransaction.committed(context)
            return .applied(version: version)
        }
    }

    static func updateCall(
        _ id: JobID, project: ProjectID, definition: NewJob, transition: Transition, expectedVersion: Int64,
        context: RequestContext
    ) -> ScopedCall<(CommitOutcome, updatedAtMillis: Int64)> {
        var parameters = JobRowEncoder.updateParameters(definition)
        parameters += [
            project.rawValue, id.rawValue, expectedVersion, context.requestID, context.actor, transition.command.name,
            transition.from.rawValue, transition.to.rawValue,
        ] as [any PGBindable]
        parameters += AuditInTransaction.parameters(context)
        return ScopedCall(operation: "update", statement: JobStatements.update, parameters: parameters, readOnly: false) {
            result in
            guard result.rowCount == 1, let updatedAt = result.int64(0, 1), let version = result.int64(0, 0) else {
                return (.versionConflict, 0)
            }
            AuditInTransaction.committed(context)
            return (.applied(version: version), updatedAt)
        }
    }

    /// Counts the matches and reads one page in one unit (a read), decoding each row with `decode`.
    static func pageCall<Item>(
        _ query: JobListQuery, project: ProjectID, detail: Bool,
        decode: @escaping @Sendable (PGResult, Int) throws -> Item
    ) -> ScopedCall<JobPage<Item>> {
        let statements = JobListStatements(query, project: project, detail: detail)
        var batch = PGBatch(statements.count, statements.countParameters)
        batch.add(statements.page, statements.pageParameters)
        return ScopedCall(operation: detail ? "list details" : "list", batch: batch, readOnly: true) { results in
            let total = results[0].int64(0, 0) ?? 0
            let result = results[1]
            var items: [Item] = []
            items.reserveCapacity(result.rowCount)
            for row in 0..<result.rowCount { items.append(try decode(result, row)) }
            return JobPage(totalCount: total, jobs: items)
        }
    }
}
