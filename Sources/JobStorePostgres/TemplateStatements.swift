import PostgresClient

/// Every SQL statement the template repository runs, as named prepared statements scoped by
/// `project_id`. Values are always `$n` parameters; each names the index it uses (migrations/0003).
enum TemplateStatements {
    /// The column list every template read selects, in the order `TemplateRowDecoder` reads it.
    static let columns: [String] = [
        "project_id", "template_id", "name", "description", "sql_body", "job_type", "tags::text",
        "floor(extract(epoch FROM created_at) * 1000)::int8",
        "floor(extract(epoch FROM updated_at) * 1000)::int8",
    ]
    static let selectList = columns.joined(separator: ", ")

    /// Serializes template creation per project for the rest of the transaction, so the count the next
    /// statement reads cannot be raced past. Two-key form: its key space is apart from the migrator's.
    static let lockProject = PGStatement(
        name: "job_templates_lock_project",
        sql: "SELECT pg_advisory_xact_lock(1397380176, hashtext($1))")

    /// Inserts a template if the project has fewer than $7 live ones (job_templates_list_by_time for the
    /// count; job_templates_live_name_key for the name), with the request's audit event. No row back means
    /// the cap was reached (and no event).
    ///
    /// $1 project, $2 name, $3 description, $4 sql_body, $5 job_type, $6 tags (jsonb), $7 cap,
    /// $8 actor, $9 request id, $10 audit action or NULL, $11 client address (`AuditInTransaction`).
    static let insert = PGStatement(
        name: "job_templates_insert",
        sql: """
            WITH t AS (
                INSERT INTO job_templates
                    (project_id, name, description, sql_body, job_type, tags, created_by, created_request_id)
                SELECT $1, $2, $3, $4, $5, $6::jsonb, $8, $9
                WHERE (SELECT count(*) FROM job_templates WHERE project_id = $1 AND deleted_at IS NULL) < $7::int8
                RETURNING *
            ), \(AuditInTransaction.cte(source: "t", target: "template_id", actor: 8, requestID: 9, action: 10, clientAddress: 11))
            SELECT \(selectList) FROM t
            """)

    /// A live template by id (primary key).
    static let findLive = PGStatement(
        name: "job_templates_find_live",
        sql: "SELECT \(selectList) FROM job_templates WHERE project_id = $1 AND template_id = $2 AND deleted_at IS NULL")

    /// Changes a live template; NULL keeps a field (primary key; job_templates_live_name_key on rename);
    /// records the request's audit event. $1 project, $2 template, $3 name, $4 description, $5 sql_body,
    /// $6 actor, $7 request id, $8 audit action or NULL, $9 client address (`AuditInTransaction`).
    static let update = PGStatement(
        name: "job_templates_update",
        sql: """
            WITH changed AS (
                UPDATE job_templates SET
                    name = COALESCE($3, name), description = COALESCE($4, description),
                    sql_body = COALESCE($5, sql_body), updated_at = now(), version = version + 1
                WHERE project_id = $1 AND template_id = $2 AND deleted_at IS NULL
                RETURNING project_id, template_id, updated_at
            ), \(AuditInTransaction.cte(source: "changed", target: "template_id", actor: 6, requestID: 7, action: 8, clientAddress: 9))
            SELECT floor(extract(epoch FROM updated_at) * 1000)::int8 FROM changed
            """)

    /// Soft-deletes a live template (primary key) and records the request's audit event. $3 actor,
    /// $4 request id, $5 audit action or NULL, $6 client address (`AuditInTransaction`).
    static let softDelete = PGStatement(
        name: "job_templates_soft_delete",
        sql: """
            WITH changed AS (
                UPDATE job_templates SET
                    deleted_at = now(), deleted_by = $3, deleted_request_id = $4, updated_at = now(), version = version + 1
                WHERE project_id = $1 AND template_id = $2 AND deleted_at IS NULL
                RETURNING project_id, template_id
            ), \(AuditInTransaction.cte(source: "changed", target: "template_id", actor: 3, requestID: 4, action: 5, clientAddress: 6))
            SELECT template_id FROM changed
            """)

    /// A filtered page and the count of all matches in one round trip (job_templates_list_by_time). The
    /// count row comes back even when the page is empty (an offset past the end).
    ///
    /// $1 project, $2 name substring or NULL, $3 required tags (jsonb array) or NULL, $4 limit, $5 offset.
    private static func list(ascending: Bool) -> PGStatement {
        let direction = ascending ? "ASC" : "DESC"
        return PGStatement(
            name: ascending ? "job_templates_list_asc" : "job_templates_list_desc",
            sql: """
                WITH matching AS (
                    SELECT * FROM job_templates
                    WHERE project_id = $1 AND deleted_at IS NULL
                      AND ($2::text IS NULL OR strpos(lower(name), lower($2::text)) > 0)
                      AND ($3::jsonb IS NULL OR tags @> $3::jsonb)
                )
                SELECT total.n, page.* FROM (SELECT count(*) AS n FROM matching) total
                LEFT JOIN LATERAL (
                    SELECT \(selectList) FROM matching
                    ORDER BY created_at \(direction), template_id \(direction)
                    LIMIT $4::int8 OFFSET $5::int8
                ) page ON true
                """)
    }
    static let listAscending = list(ascending: true)
    static let listDescending = list(ascending: false)
}
