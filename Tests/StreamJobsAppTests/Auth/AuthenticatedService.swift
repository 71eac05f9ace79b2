import Auth
import AuthStorePostgres
import Glibc
import Logging
import PostgresClient
import TestSupport

/// A `LiveService` with authentication on, and credentials created in its database as the admin
/// command creates them.
final class AuthenticatedService {
    let database: String
    let service: LiveService
    let keyring = Keyring(current: MasterKey.generate())
    private let adminPool: PGPool
    let store: PostgresCredentialStore
    let audit: PostgresAuditLog

    /// - Parameters:
    ///   - extra: more configuration for the service (authentication is on whatever it says).
    ///   - database: the database to use; the process's shared migrated one by default (whose schema tests
    ///     must not change).
    init(extra: [String: String] = [:], database: String? = nil) throws {
        self.database = try database ?? TestDatabase.migrated()
        service = try LiveService(
            databaseURL: self.database,
            extra: extra.merging(["STREAMJOBS_AUTH": "on", "STREAMJOBS_MASTER_KEY": keyring.current.base64]) { $1 })
        var logger = Logger(label: "auth-test")
        logger.logLevel = .critical
        adminPool = PGPool(conninfo: self.database, size: 1, checkoutTimeout: .seconds(5))
        store = PostgresCredentialStore(pool: adminPool, logger: logger)
        audit = PostgresAuditLog(pool: adminPool, logger: logger)
    }

    deinit { adminPool.close() }

    func accessKey(project: String) throws -> NewAccessKey {
        try store.createAccessKey(project: project, description: "test", createdBy: "test", keyring: keyring)
    }

    func token(project: String, lifetimeSeconds: Int64 = 3600) throws -> NewToken {
        try store.createToken(project: project, lifetimeSeconds: lifetimeSeconds, description: "test", createdBy: "test")
    }

    /// Sends a request signed as the SDK signs it; `date` defaults to now, `tamper` changes the body after signing.
    func signed(
        _ method: String, _ target: String, json: String? = nil, key: NewAccessKey, date: Int64? = nil,
        tamper: String? = nil
    ) throws -> HTTPTestResponse {
        let body = Array((json ?? "").utf8)
        var headers = [
            ("Content-Type", "application/json"), ("Host", "127.0.0.1:\(service.port)"),
            ("X-Project-Id", key.projectID), ("X-Sdk-Date", SDKDate.format(epochSeconds: date ?? Authenticator.wallClockSeconds())),
        ]
        headers.append(
            ("Authorization", SDKSigner.authorization(
                method: method, target: target, headers: headers, body: body, accessKey: key.accessKey, secretKey: key.secretKey)))
        let sent = tamper.map { Array($0.utf8) } ?? body
        return try service.client().send(method: method, target: target, headers: headers, body: json == nil ? nil : sent)
    }

    /// Revokes as `streamjobs credentials revoke` does: the commit, then the wait after which no instance
    /// accepts the credential (`CredentialCache.Limits.staleAfter`), whether or not it heard the NOTIFY.
    func revokeAsTheCommandDoes(_ idOrAccessKey: String) throws -> String? {
        let revoked = try store.revoke(idOrAccessKey, revokedBy: "test")
        usleep(UInt32(CredentialCache.Limits().staleAfter.components.seconds * 1_000_000))
        return revoked?.credentialID
    }

    /// Audit events of `project` (newest last).
    func events(_ project: String) throws -> [AuditEvent] {
        try audit.events(project: project, sinceMillis: 0, limit: 1000).reversed().map(\.event)
    }
}

extension AuthenticatedService {
    /// Another instance of the service on the same database and master key, as a second process behind
    /// the same load balancer would be.
    func secondInstance() throws -> LiveService {
        try LiveService(databaseURL: database, extra: ["STREAMJOBS_AUTH": "on", "STREAMJOBS_MASTER_KEY": keyring.current.base64])
    }
}
