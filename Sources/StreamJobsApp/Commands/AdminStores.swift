import ArgumentParser
import Auth
import AuthStorePostgres
import Logging
import PostgresClient

/// The database connection, stores and identity the admin commands (`credentials`, `audit`) work with.
struct AdminStores {
    let pool: PGPool
    let credentials: PostgresCredentialStore
    let audit: PostgresAuditLog
    /// The actor recorded for admin actions: `cli:<$USER>`.
    let actor: String

    /// Opens a one-connection pool as the tables' owner, with the URL `serve`'s configuration gives
    /// (environment over `STREAMJOBS_CONFIG_FILE`): `STREAMJOBS_MIGRATE_DATABASE_URL`, else
    /// `STREAMJOBS_DATABASE_URL`. `list`, `revoke` and `audit` work across projects, which row-level
    /// security (migrations/0006) does not let the service's role do, so a role that does not own the
    /// tables is refused (exit 2) rather than shown an empty list.
    /// - Parameter command: the command's name, for messages.
    static func open(_ command: String) throws -> AdminStores {
        let url = try ConfigurationLoader.migrateDatabaseURL()
        var logger = Logger(label: "streamjobs.admin")
        logger.logLevel = .critical
        let pool = PGPool(conninfo: url, size: 1, checkoutTimeout: .seconds(10))
        let user = ProcessEnvironment.current()["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
        let stores = AdminStores(
            pool: pool, credentials: PostgresCredentialStore(pool: pool, logger: logger),
            audit: PostgresAuditLog(pool: pool, logger: logger), actor: "cli:\(user.sanitizedActor)")
        do {
            try stores.requireTablesOwner(command)
        } catch {
            pool.close()
            throw error
        }
        return stores
    }

    /// Exits 2 unless the connected role owns the tables (see ``open(_:)``).
    private func requireTablesOwner(_ command: String) throws {
        switch try run(command, { () throws(CredentialStoreError) in try credentials.connectedAsTablesOwner() }) {
        case true?:
            return
        case false?:
            Console.error(
                "\(command): connected as a role that does not own the tables (such as the service's runtime role), "
                    + "from which row-level security hides rows: set STREAMJOBS_MIGRATE_DATABASE_URL to the tables' "
                    + "owner's URL, the one `streamjobs migrate` uses")
        case nil:
            Console.error("\(command): the database has no credentials table: run `streamjobs migrate up` first")
        }
        throw ExitCode(2)
    }

    /// Runs `body`, printing a store failure as one line and exiting 1.
    func run<R>(_ what: String, _ body: () throws(CredentialStoreError) -> R) throws -> R {
        do {
            return try body()
        } catch {
            Console.error("\(what): \(error == .unavailable ? "the database is unreachable" : "database error (see its log)")")
            throw ExitCode(1)
        }
    }

    /// Records an admin action in the audit trail.
    func record(project: String, action: String, targets: [String]) throws {
        try run("audit") { () throws(CredentialStoreError) in
            try audit.insert(
                AuditEvent(
                    projectID: project, actor: actor, action: action, targets: targets, status: 0,
                    requestID: "cli-" + Hex.encode(SecureRandom.bytes(8)), clientAddress: "local"))
        }
    }
}

extension String {
    /// At most 32 characters of `[A-Za-z0-9._-]`, others replaced by `_`.
    fileprivate var sanitizedActor: String {
        String(prefix(32).map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    }
}
