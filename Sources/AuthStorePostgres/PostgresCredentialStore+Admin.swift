import Auth
import PostgresClient

/// The checks the admin command makes before it changes anything: that it connected as the tables'
/// owner, and which master keys the live AK/SK secrets are sealed under.
extension PostgresCredentialStore {
    /// Whether the connected role has the privileges of the `credentials` table's owner (is the owner, a
    /// member of it, or a superuser), so row-level security (migrations/0006) hides no row from it.
    /// - Returns: nil when the table does not exist (the database is not migrated).
    /// - Throws: `CredentialStoreError`.
    public func connectedAsTablesOwner() throws(CredentialStoreError) -> Bool? {
        try access.run("owner_check") { connection in
            let r = try connection.execute(CredentialAdminStatements.connectedAsOwner, [])
            guard r.rowCount > 0 else { return nil }
            guard let owner = r.bool(0, 0) else { throw CorruptCredentialRow() }
            return owner
        }
    }

    /// The distinct master key ids the live (not revoked, not expired) AK/SK secrets of every project are
    /// sealed under, sorted; empty when there is none. Needs the tables' owner (it reads across projects).
    /// - Throws: `CredentialStoreError`.
    public func liveAccessKeyMasterKeyIDs() throws(CredentialStoreError) -> [String] {
        try access.run("master_key_ids") { connection in
            let r = try connection.execute(CredentialAdminStatements.liveMasterKeyIDs, [])
            return try (0..<r.rowCount).map { row in
                guard let id = r.string(row, 0) else { throw CorruptCredentialRow() }
                return id
            }
        }
    }
}

/// The admin command's checks on `credentials` (migrations/0005); they take no values.
enum CredentialAdminStatements {
    /// One row, true when the current role has the privileges of the owner of `credentials`; no row
    /// when there is no such table.
    static let connectedAsOwner = PGStatement(
        name: "credentials_connected_as_owner",
        sql: "SELECT pg_has_role(c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = to_regclass('credentials')")

    /// The master key ids of live AK/SK secrets, across projects.
    static let liveMasterKeyIDs = PGStatement(
        name: "credentials_live_master_key_ids",
        sql: """
            SELECT DISTINCT master_key_id FROM credentials
            WHERE kind = 'aksk' AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
            ORDER BY 1
            """)
}
