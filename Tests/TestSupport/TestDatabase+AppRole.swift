import PostgresClient

extension TestDatabase {
    /// The service's runtime role (migrations/0006): not the tables' owner, so row-level security
    /// applies to it. Test clusters trust loopback connections, so it logs in without a password.
    public static let appRole = "streamjobs_app"

    /// `databaseURL` (whose user may administer roles) rewritten to connect as ``appRole``, after making
    /// sure the role exists and may log in (roles belong to the whole cluster; the migration creates it
    /// `NOLOGIN`). When the server cannot be reached the URL is returned unchecked.
    /// - Parameter databaseURL: a URL of the test server, URI or `key=value` form.
    /// - Throws: ``PostgresClient/PGError`` when the role cannot be created or altered.
    public static func appURL(for databaseURL: String) throws -> String {
        if let admin = try? PGConnection(conninfo: databaseURL) {
            defer { admin.close() }
            let ensure = """
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'streamjobs_app') THEN
                        CREATE ROLE streamjobs_app LOGIN;
                    ELSIF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'streamjobs_app') THEN
                        ALTER ROLE streamjobs_app LOGIN;
                    END IF;
                END $$
                """
            do {
                try admin.execute(unsafeSQL: ensure)
            } catch {
                // Another test process created or altered it at the same moment: check again once.
                try admin.execute(unsafeSQL: ensure)
            }
        }
        return url(databaseURL, user: appRole)
    }

    /// The shared migrated database (``migrated(directory:)``), as the runtime role.
    public static func migratedAsApp() throws -> String {
        try appURL(for: migrated())
    }

    /// `base` with its user replaced by `user` (URI or `key=value` form); a password is dropped.
    static func url(_ base: String, user: String) -> String {
        guard let schemeEnd = base.firstRange(of: "://") else { return base + " user=" + user }
        let rest = base[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let hostPart = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        return base[..<schemeEnd.upperBound] + user + "@" + hostPart + rest[authorityEnd...]
    }
}
