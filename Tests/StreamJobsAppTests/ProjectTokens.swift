import Auth
import AuthStorePostgres
import JobDomain
import Logging
import PostgresClient
import Synchronization
import TestSupport

/// A token per project, made on first use in the test database (as `streamjobs credentials create
/// --token` makes it, as the tables' owner), so tests of a live service run with authentication on, as
/// every deployment does, without each test creating credentials.
final class ProjectTokens: Sendable {
    private let pool: PGPool
    private let store: PostgresCredentialStore
    private let tokens = Mutex<[String: String]>([:])

    /// - Parameter databaseURL: the test database as its owner.
    init(databaseURL: String) {
        pool = PGPool(conninfo: databaseURL, size: 1, checkoutTimeout: .seconds(10))
        var logger = Logger(label: "tokens")
        logger.logLevel = .critical
        store = PostgresCredentialStore(pool: pool, logger: logger)
    }

    deinit { pool.close() }

    /// `X-Auth-Token` for the project of a `/v1.0/<project>/…` target; nothing for other targets, or
    /// when the token cannot be made (the request then gets its 401 and the test says so).
    func headers(for target: String) -> [(String, String)] {
        let parts = target.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].isEmpty, parts[1] == "v1.0" || parts[1] == "v3",
            let project = ProjectID(String(parts[2].prefix { $0 != "?" }))?.rawValue
        else { return [] }
        if let token = tokens.withLock({ $0[project] }) { return [("X-Auth-Token", token)] }
        guard let made = try? store.createToken(project: project, lifetimeSeconds: 3600, description: "test", createdBy: "test")
        else { return [] }
        return [("X-Auth-Token", tokens.withLock { $0[project] = $0[project] ?? made.token; return $0[project]! })]
    }
}
