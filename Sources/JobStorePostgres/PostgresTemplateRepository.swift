import JSONCodec
import JobDomain
import Logging
import PostgresClient

/// `TemplateRepository` on PostgreSQL. Every statement is scoped by `project_id` and runs in a
/// transaction scoped to the project (row-level security); deletes are soft. Every write records the
/// request's audit event (`RequestContext.audit`) in its own statement (`AuditInTransaction`) and marks
/// it recorded once committed.
///
/// Every method is one fixed list of statements (a ``ScopedCall``) run as one pipeline unit: it waits on
/// no thread. Without pipelines the unit runs on a pooled connection on the caller's thread and
/// completes before returning.
///
/// Driver errors are mapped to `JobError` here and only here; the log line names the SQLSTATE and
/// constraint, never the server's message (it can quote bind values).
public final class PostgresTemplateRepository: TemplateRepository {
    private let access: StoreAccess

    /// - Parameters:
    ///   - pool: connections to a database migrated to at least this binary's schema.
    ///   - pipelines: sessions in pipeline mode, where every call goes; without them calls use `pool`
    ///     and block the caller (only executor threads and tests may then call).
    ///   - logger: where unexpected database errors are reported.
    public init(pool: PGPool, pipelines: PGPipelineGroup? = nil, logger: Logger) {
        access = StoreAccess(
            pool: pool, logger: logger, store: "templates",
            conflicts: ["job_templates_live_name_key": .templateNameAlreadyExists("")], pipelines: pipelines)
    }

    public func insert(
        _ template: NewTemplate, project: ProjectID, maxPerProject: Int, context: RequestContext,
        completion: @escaping @Sendable (Result<Template?, JobError>) -> Void
    ) {
        let parameters: [any PGBindable] = [
            project.rawValue, template.name, template.description, template.sqlBody, template.jobType.rawValue,
            JobRowEncoder.tagsJSON(template.tags), maxPerProject, context.actor, context.requestID,
        ] + AuditInTransaction.parameters(context)
        // The lock and the insert are one unit, so one transaction: the lock holds until it commits.
        var batch = PGBatch(TemplateStatements.lockProject, [project.rawValue])
        batch.add(TemplateStatements.insert, parameters)
        let call = ScopedCall(operation: "insert", batch: batch, readOnly: false) { results in
            guard results[1].rowCount > 0 else { return Template?.none }
            let inserted = try TemplateRowDecoder.template(results[1], row: 0)
            AuditInTransaction.committed(context)
            return inserted
        }
        let name = template.name
        access.submit(call, project: project) { outcome in
            completion(outcome.mapError { error in
                if case .templateNameAlreadyExists = error { .templateNameAlreadyExists(name) } else { error }
            })
        }
    }

    public func find(
        _ id: TemplateID, project: ProjectID, completion: @escaping @Sendable (Result<Template?, JobError>) -> Void
    ) {
        let call = ScopedCall(
            operation: "find", statement: TemplateStatements.findLive, parameters: [project.rawValue, id.rawValue],
            readOnly: true
        ) { result in result.rowCount == 0 ? nil : try TemplateRowDecoder.template(result, row: 0) }
        access.submit(call, project: project, completion: completion)
    }

    public func update(
        _ id: TemplateID, changes: TemplateChanges, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Int64?, JobError>) -> Void
    ) {
        let parameters: [any PGBindable] = [
            project.rawValue, id.rawValue, changes.name, changes.description, changes.sqlBody, context.actor,
            context.requestID,
        ] + AuditInTransaction.parameters(context)
        let call = ScopedCall(operation: "update", statement: TemplateStatements.update, parameters: parameters, readOnly: false) {
            result in
            guard result.rowCount > 0, let updatedAt = result.int64(0, 0) else { return Int64?.none }
            AuditInTransaction.committed(context)
            return updatedAt
        }
        let name = changes.name ?? ""
        access.submit(call, project: project) { outcome in
            completion(outcome.mapError { error in
                if case .templateNameAlreadyExists = error { .templateNameAlreadyExists(name) } else { error }
            })
        }
    }

    public func delete(
        _ id: TemplateID, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Bool, JobError>) -> Void
    ) {
        let call = ScopedCall(
            operation: "delete", statement: TemplateStatements.softDelete,
            parameters: [project.rawValue, id.rawValue, context.actor, context.requestID] + AuditInTransaction.parameters(context),
            readOnly: false
        ) { result in
            guard result.rowCount == 1 else { return false }
            AuditInTransaction.committed(context)
            return true
        }
        access.submit(call, project: project, completion: completion)
    }

    public func list(
        _ query: TemplateListQuery, project: ProjectID, completion: @escaping @Sendable (Result<TemplatePage, JobError>) -> Void
    ) {
        let statement = query.ascending ? TemplateStatements.listAscending : TemplateStatements.listDescending
        let parameters: [any PGBindable] = [
            project.rawValue, query.name, query.tags.isEmpty ? nil : JobRowEncoder.tagsJSON(query.tags), query.limit, query.offset,
        ]
        let call = ScopedCall(operation: "list", statement: statement, parameters: parameters, readOnly: true) { result in
            guard result.rowCount > 0, let total = result.int64(0, 0) else {
                throw CorruptRow(column: "count")
            }
            var templates: [Template] = []
            for row in 0..<result.rowCount where !result.isNull(row, 1) {
                templates.append(try TemplateRowDecoder.template(result, row: row, offset: 1))
            }
            return TemplatePage(totalCount: total, templates: templates)
        }
        access.submit(call, project: project, completion: completion)
    }
}
