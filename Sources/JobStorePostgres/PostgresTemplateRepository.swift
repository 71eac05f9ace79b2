import JSONCodec
import JobDomain
import Logging
import PostgresClient

/// `TemplateRepository` on PostgreSQL. Every statement is scoped by `project_id` and runs in a
/// transaction scoped to the project (row-level security); deletes are soft. Every write records the
/// request's audit event (`RequestContext.audit`) in its own statement (`AuditInTransaction`) and marks
/// it recorded once committed.
///
/// Driver errors are mapped to `JobError` here and only here; the log line names the SQLSTATE and
/// constraint, never the server's message (it can quote bind values).
public final class PostgresTemplateRepository: TemplateRepository {
    private let access: StoreAccess

    /// - Parameters:
    ///   - pool: connections to a database migrated to at least this binary's schema.
    ///   - pipelines: sessions in pipeline mode for ``find(_:project:completion:)`` (a create's
    ///     `template_id`), which then waits on no thread; without them it uses `pool` too.
    ///   - logger: where unexpected database errors are reported.
    public init(pool: PGPool, pipelines: PGPipelineGroup? = nil, logger: Logger) {
        access = StoreAccess(
            pool: pool, logger: logger, store: "templates",
            conflicts: ["job_templates_live_name_key": .templateNameAlreadyExists("")], pipelines: pipelines)
    }

    public func insert(_ template: NewTemplate, project: ProjectID, maxPerProject: Int, context: RequestContext)
        throws(JobError) -> Template?
    {
        let parameters: [any PGBindable] = [
            project.rawValue, template.name, template.description, template.sqlBody, template.jobType.rawValue,
            JobRowEncoder.tagsJSON(template.tags), maxPerProject, context.actor, context.requestID,
        ] + AuditInTransaction.parameters(context)
        do {
            // The lock and the insert are one pipelined transaction: the lock holds until it commits.
            var batch = PGBatch(TemplateStatements.lockProject, [project.rawValue])
            batch.add(TemplateStatements.insert, parameters)
            let inserted = try access.run("insert", project: project, batch) { results in
                results[1].rowCount == 0 ? nil : try TemplateRowDecoder.template(results[1], row: 0)
            }
            if inserted != nil { AuditInTransaction.committed(context) }
            return inserted
        } catch .templateNameAlreadyExists {
            throw .templateNameAlreadyExists(template.name)
        }
    }

    public func find(_ id: TemplateID, project: ProjectID) throws(JobError) -> Template? {
        try access.run(Self.findCall(id, project: project), project: project)
    }

    public func find(
        _ id: TemplateID, project: ProjectID, completion: @escaping @Sendable (Result<Template?, JobError>) -> Void
    ) {
        access.submit(Self.findCall(id, project: project), project: project, completion: completion)
    }

    private static func findCall(_ id: TemplateID, project: ProjectID) -> ScopedCall<Template?> {
        ScopedCall(
            operation: "find", statement: TemplateStatements.findLive, parameters: [project.rawValue, id.rawValue],
            readOnly: true
        ) { result in result.rowCount == 0 ? nil : try TemplateRowDecoder.template(result, row: 0) }
    }

    public func update(_ id: TemplateID, changes: TemplateChanges, project: ProjectID, context: RequestContext)
        throws(JobError) -> Int64?
    {
        let parameters: [any PGBindable] = [
            project.rawValue, id.rawValue, changes.name, changes.description, changes.sqlBody, context.actor,
            context.requestID,
        ] + AuditInTransaction.parameters(context)
        do {
            let updatedAt = try access.run("update", project: project, TemplateStatements.update, parameters) { result in
                result.rowCount == 0 ? nil : result.int64(0, 0)
            }
            if updatedAt != nil { AuditInTransaction.committed(context) }
            return updatedAt
        } catch .templateNameAlreadyExists {
            throw .templateNameAlreadyExists(changes.name ?? "")
        }
    }

    public func delete(_ id: TemplateID, project: ProjectID, context: RequestContext) throws(JobError) -> Bool {
        let deleted = try access.run(
            "delete", project: project, TemplateStatements.softDelete,
            [project.rawValue, id.rawValue, context.actor, context.requestID] + AuditInTransaction.parameters(context)
        ) { result in result.rowCount == 1 }
        if deleted { AuditInTransaction.committed(context) }
        return deleted
    }

    public func list(_ query: TemplateListQuery, project: ProjectID) throws(JobError) -> TemplatePage {
        let statement = query.ascending ? TemplateStatements.listAscending : TemplateStatements.listDescending
        let parameters: [any PGBindable] = [
            project.rawValue, query.name, query.tags.isEmpty ? nil : JobRowEncoder.tagsJSON(query.tags), query.limit, query.offset,
        ]
        return try access.run("list", project: project, statement, parameters) { result in
            guard result.rowCount > 0, let total = result.int64(0, 0) else {
                throw CorruptRow(column: "count")
            }
            var templates: [Template] = []
            for row in 0..<result.rowCount where !result.isNull(row, 1) {
                templates.append(try TemplateRowDecoder.template(result, row: row, offset: 1))
            }
            return TemplatePage(totalCount: total, templates: templates)
        }
    }
}
