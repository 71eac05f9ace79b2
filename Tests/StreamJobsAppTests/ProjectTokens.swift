import Auth
import AuthStorePostgres
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
        guard parts.count >= 3, parts[0].isEmpty, parts[1] == "v1.0", let project = ProjectIDText(String(parts[2])) else {
            return []
        }
        if let token = tokens.withLock({ $0[project.text] }) { return [("X-Auth-Token", token)] }
        guard let made = try? store.createToken(project: project.text, lifetimeSeconds: 3600, description: "test", createdBy: "test")
        else { return [] }
        tokens.withLock { $0[project.text] = $0[project.text] ?? made.token }
        return [("X-Auth-Token", tokens.withLock { $0[project.text]! })]
    }
}

/// A path segment that can be a project id (`[A-Za-z0-9_-]{1,64}`; the query, if any, cut off).
private struct ProjectIDText {
    let text: String

    init?(_ segment: String) {
        let text = String(segment.prefix { $0 != "?" })
        guard (1...64).contains(text.utf8.count),
            text.utf8.allSatisfy({ b in
                (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F || b == 0x2D
            })
        else { return nil }
        self.text = text
    }
}
