import Auth
import AuthStorePostgres
import DLIAPI
import Logging
import PostgresClient

extension ServiceRuntime {
    /// Authentication (unless `STREAMJOBS_AUTH=none`) and the audit log, on the service's pool (the
    /// audit log's inserts on the pipelines when there are some).
    /// - Throws: `ConfigurationError` when authentication is on without a master key (fail closed).
    static func makeAccess(
        _ auth: AuthConfiguration, pool: PGPool, pipelines: PGPipelineGroup?, logger: Logger
    ) throws(ConfigurationError) -> RequestAccess {
        let audit = PostgresAuditLog(pool: pool, pipelines: pipelines, logger: logger)
        if auth.mode == .none { return RequestAccess(authenticator: nil, audit: audit) }
        guard let keyring = auth.keyring else {
            throw ConfigurationError(problems: ["STREAMJOBS_MASTER_KEY is not set: authentication is on and needs a master key"])
        }
        // Lookups on the pipelines: an HTTP worker never waits for one.
        let store = PostgresCredentialStore(pool: pool, pipelines: pipelines, logger: logger)
        let authenticator = Authenticator(store: store, keyring: keyring)
        return RequestAccess(authenticator: authenticator, audit: audit)
    }
}
