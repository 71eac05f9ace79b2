import PostgresClient

/// The statements of `idempotency_keys` (migrations/0014), named and with bind parameters. A reservation
/// is `reserve` then `read`, one pipeline unit in one implicit transaction: `reserve` inserts the key, or
/// waits for a concurrent reservation of it to commit and then does nothing (or takes over an expired
/// row); `read`, a later statement of the same transaction, sees whichever row won.
enum IdempotencyStatements {
    /// Reserves $2 in project $1 with fingerprint $3 and token $4 for a lease of $5 s and a retention of
    /// $6 s; a row comes back only when this request got the key. The CTE deletes up to 8 expired keys
    /// of the project (idempotency_keys_expired), skipping rows other transactions hold.
    static let reserve = PGStatement(
        name: "idempotency_keys_reserve",
        sql: """
            WITH purged AS (
                DELETE FROM idempotency_keys d
                WHERE d.project_id = $1 AND d.key IN (
                    SELECT e.key FROM idempotency_keys e
                    WHERE e.project_id = $1 AND e.expires_at <= now() AND e.key <> $2
                    ORDER BY e.expires_at LIMIT 8 FOR UPDATE SKIP LOCKED)
            )
            INSERT INTO idempotency_keys AS k (project_id, key, fingerprint, token, state, lease_until, expires_at)
            VALUES ($1, $2, $3, $4, 'in_progress', now() + $5::int8 * interval '1 second',
                    now() + $6::int8 * interval '1 second')
            ON CONFLICT (project_id, key) DO UPDATE SET
                fingerprint = EXCLUDED.fingerprint, token = EXCLUDED.token, state = 'in_progress',
                lease_until = EXCLUDED.lease_until, expires_at = EXCLUDED.expires_at, created_at = now(),
                status = NULL, content_type = NULL, body = NULL, completed_at = NULL
            WHERE k.expires_at <= now()
            RETURNING 1
            """)

    /// The key's row as the reservation left it (primary key). $1 project, $2 key, $3 fingerprint.
    /// Binary results: the body comes back as stored.
    static let read = PGStatement(
        name: "idempotency_keys_read",
        sql: """
            SELECT fingerprint = $3, state = 'done', lease_until <= now(), status, content_type, body
            FROM idempotency_keys WHERE project_id = $1 AND key = $2
            """,
        resultFormat: .binary)

    /// Stores the response of the reservation holding token $3 (primary key). $1 project, $2 key,
    /// $4 status, $5 content type, $6 body.
    static let complete = PGStatement(
        name: "idempotency_keys_complete",
        sql: """
            UPDATE idempotency_keys SET state = 'done', status = $4::integer, content_type = $5, body = $6::bytea,
                completed_at = now()
            WHERE project_id = $1 AND key = $2 AND token = $3 AND state = 'in_progress'
            """)
}
