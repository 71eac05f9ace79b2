import PostgresClient

/// Every SQL statement on `credentials` (migrations/0005), as named prepared statements with bind
/// parameters. bytea values travel as hex text (`decode($n, 'hex')` / `encode(…, 'hex')`).
enum CredentialStatements {
    /// Scopes the rest of the transaction to project $1 for row-level security (migrations/0006).
    static let scopeToProject = PGStatement(
        name: "credentials_scope_to_project", sql: "SELECT set_config('app.project_id', $1, true)")

    /// What an AK lookup reads, in ``PostgresCredentialStore``'s decoding order.
    private static let accessKeyColumns = """
        credential_id, project_id, master_key_id, encode(secret_key_nonce, 'hex'),
        encode(secret_key_ciphertext, 'hex'), revoked_at IS NOT NULL, coalesce(expires_at <= now(), false),
        \(expiresInMillis)
        """

    /// What a token lookup reads, in ``PostgresCredentialStore``'s decoding order.
    private static let tokenColumns =
        "credential_id, project_id, revoked_at IS NOT NULL, coalesce(expires_at <= now(), false), \(expiresInMillis)"

    /// Milliseconds the credential has left (NULL when it never expires), so a cache needs no clock of the
    /// database's (`CredentialCache`).
    private static let expiresInMillis = "floor(extract(epoch FROM expires_at - now()) * 1000)::int8"

    /// The per-request AK lookup (credentials_by_access_key). Not project-scoped, since it is how the
    /// project becomes known: it goes through 0006's SECURITY DEFINER function, the one path across projects.
    static let findAccessKey = PGStatement(
        name: "credentials_find_access_key",
        sql: "SELECT \(accessKeyColumns) FROM streamjobs_credential_by_access_key($1)")

    /// The per-request token lookup (credentials_by_token_hash; not project-scoped, as above). $1 hex SHA-256.
    static let findToken = PGStatement(
        name: "credentials_find_token",
        sql: "SELECT \(tokenColumns) FROM streamjobs_credential_by_token_hash(decode($1, 'hex'))")

    /// The per-request AK lookup in the request's project: $1 project, $2 AK (credentials_by_access_key),
    /// run scoped to $1 (row-level security). A plain prepared statement, planned once, where the
    /// cross-project function is planned on every call; ``findAccessKey`` runs only when this finds nothing.
    static let findAccessKeyInProject = PGStatement(
        name: "credentials_find_access_key_in_project",
        sql: "SELECT \(accessKeyColumns) FROM credentials WHERE project_id = $1 AND access_key = $2")

    /// The per-request token lookup in the request's project: $1 project, $2 hex SHA-256
    /// (credentials_by_token_hash), scoped to $1 as above; ``findToken`` only when this finds nothing.
    static let findTokenInProject = PGStatement(
        name: "credentials_find_token_in_project",
        sql: "SELECT \(tokenColumns) FROM credentials WHERE project_id = $1 AND token_sha256 = decode($2, 'hex')")

    /// Whether project $1 has any credential (primary key prefix). Run scoped to $1 (row-level security):
    /// the runtime role sees no other project's rows.
    static let projectHasAny = PGStatement(
        name: "credentials_project_has_any",
        sql: "SELECT EXISTS (SELECT 1 FROM credentials WHERE project_id = $1)")

    /// $1 project, $2 id, $3 AK, $4 nonce hex, $5 ciphertext hex, $6 master key id, $7 description, $8 created_by.
    static let insertAccessKey = PGStatement(
        name: "credentials_insert_access_key",
        sql: """
            INSERT INTO credentials (project_id, credential_id, kind, access_key, secret_key_nonce,
                                     secret_key_ciphertext, master_key_id, description, created_by)
            VALUES ($1, $2, 'aksk', $3, decode($4, 'hex'), decode($5, 'hex'), $6, $7, $8)
            """)

    /// $1 project, $2 id, $3 token SHA-256 hex, $4 lifetime in seconds, $5 description, $6 created_by.
    /// Returns the expiry in epoch milliseconds.
    static let insertToken = PGStatement(
        name: "credentials_insert_token",
        sql: """
            INSERT INTO credentials (project_id, credential_id, kind, token_sha256, expires_at, description, created_by)
            VALUES ($1, $2, 'token', decode($3, 'hex'), now() + make_interval(secs => $4::int8), $5, $6)
            RETURNING floor(extract(epoch FROM expires_at) * 1000)::int8
            """)

    /// Credentials of one project ($1), or of all when $1 is NULL (the admin command connects as the
    /// tables' owner for that), oldest first.
    static let list = PGStatement(
        name: "credentials_list",
        sql: """
            SELECT project_id, credential_id, kind, coalesce(access_key, ''), description,
                   floor(extract(epoch FROM created_at) * 1000)::int8,
                   floor(extract(epoch FROM expires_at) * 1000)::int8,
                   floor(extract(epoch FROM revoked_at) * 1000)::int8, master_key_id
            FROM credentials WHERE ($1::text IS NULL OR project_id = $1)
            ORDER BY project_id, created_at, credential_id
            """)

    /// Revokes a live credential by id or AK (credentials_by_id, credentials_by_access_key), across
    /// projects (admin command, as the tables' owner). $2 revoked_by.
    static let revoke = PGStatement(
        name: "credentials_revoke",
        sql: """
            UPDATE credentials SET revoked_at = now(), revoked_by = $2
            WHERE (credential_id = $1 OR access_key = $1) AND revoked_at IS NULL
            RETURNING project_id, credential_id
            """)
}
