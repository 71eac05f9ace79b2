import PostgresClient

/// Every SQL statement on `audit_events` (migrations/0005).
enum AuditStatements {
    /// Scopes the rest of the transaction to project $1 for row-level security (migrations/0006).
    static let scopeToProject = CredentialStatements.scopeToProject

    /// A separate event (one that describes no committed change; a change's event is inserted by its
    /// own write statement, `AuditInTransaction` in JobStorePostgres).
    /// $1 project, $2 actor, $3 action, $4 targets (text[] literal), $5 status, $6 error code, $7 reason,
    /// $8 request id, $9 client address, $10 count.
    static let insert = PGStatement(
        name: "audit_events_insert",
        sql: """
            INSERT INTO audit_events (project_id, actor, action, targets, status, error_code, reason, request_id,
                                      client_address, count)
            VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, $10)
            """)

    /// A project's events since $2 (epoch milliseconds), newest first, at most $3: the newest $3
    /// (audit_events_by_time, scanned backwards).
    static let since = PGStatement(
        name: "audit_events_since",
        sql: """
            SELECT event_id, floor(extract(epoch FROM occurred_at) * 1000)::int8, actor, action,
                   array_to_json(targets)::text, status, error_code, reason, request_id, client_address, count
            FROM audit_events
            WHERE project_id = $1 AND occurred_at >= to_timestamp($2::int8 / 1000.0)
            ORDER BY occurred_at DESC, event_id DESC
            LIMIT $3::int8
            """)
}
