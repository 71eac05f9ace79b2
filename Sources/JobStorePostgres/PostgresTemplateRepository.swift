import JSONCodec
import JobDomain
import Logging
import PostgresClient

/// `TemplateRepository` on PostgreSQL. Every statement is scoped by `project_id`; deletes are soft.
///
/// Driver errors are mapped to `JobError` here and only here; the log line names the SQLSTATE and
/// constraint, never the server's message (it can quote bind values).
public final class PostgresTemplateRepository: TemplateRepository {
    private let access: StoreAccess

    /// - Parameters:
    ///   - pool: connections to a database migrated to at least this binary's schema.
    ///   - logger: where unexpected database errors are reported.
    public init(pool: PGPool, logger: Logger) {
        access = StoreAccess(pool: pool, logger: logger, store: "templates", conflicts: ["job_templates_live_name_key": .templateNameAlreadyExists("")])
    }

    public func insert(_ template: NewTemplate, project: ProjectID, maxPerProject: Int, context: RequestContext)
        throws(JobError) -> Template?
    {
        let parameters: [any PGBindable] = [
            project.rawValue, template.name, template.description, template.sqlBody, template.jobType.rawValue,
            JobRowEncoder.tagsJSON(template.tags), maxPerProject, context.actor, context.requestID,
        ]
        do {
            return try access.run("insert") { connection in
                try connection.transaction { connection in
                    _ = try connection.execute(TemplateStatements.lockProject, [project.rawValue])
                    let result = try connection.execute(TemplateStatements.insert, parameters)
                    return result.rowCount == 0 ? nil : try TemplateRowDecoder.template(result, row: 0)
                }
            }
        } catch .templateNameAlreadyExists {
            throw .templateNameAlreadyExists(template.name)
        }
    }

    public func find(_ id: TemplateID, project: ProjectID) throws(JobError) -> Template? {
        try access.run("find") { connection in
            let result = try connection.execute(TemplateStatements.findLive, [project.rawValue, id.rawValue])
            return result.rowCount == 0 ? nil : try TemplateRowDecoder.template(result, row: 0)
        }
    }

    public func update(_ id: TemplateID, changes: TemplateChanges, project: ProjectID, context: RequestContext)
        throws(JobError) -> Int64?
    {
        let parameters: [any PGBindable] = [
            project.rawValue, id.rawValue, changes.name, changes.description, changes.sqlBody,
        ]
        do {
            return try access.run("update") { connection in
                let result = try connection.execute(TemplateStatements.update, parameters)
                return result.rowCount == 0 ? nil : result.int64(0, 0)
            }
        } catch .templateNameAlreadyExists {
            throw .templateNameAlreadyExists(changes.name ?? "")
        }
    }

    public func delete(_ id: TemplateID, project: ProjectID, context: RequestContext) throws(JobError) -> Bool {
        try access.run("delete") { connection in
            let result = try connection.execute(
                TemplateStatements.softDelete, [project.rawValue, id.rawValue, context.actor, context.requestID])
            return result.rowCount == 1
        }
    }

    public func list(_ query: TemplateListQuery, project: ProjectID) throws(JobError) -> TemplatePage {
        let statement = query.ascending ? TemplateStatements.listAscending : TemplateStatements.listDescending
        let parameters: [any PGBindable] = [
            project.rawValue, query.name, query.tags.isEmpty ? nil : JobRowEncoder.tagsJSON(query.tags), query.limit, query.offset,
        ]
        return try access.run("list") { connection in
            let result = try connection.execute(statement, parameters)
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
