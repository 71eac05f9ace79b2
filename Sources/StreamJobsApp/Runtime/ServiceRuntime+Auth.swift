import Auth
import AuthStorePostgres
import DLIAPI
import Logging
import PostgresClient

extension ServiceRuntime {
    /// Authentication (unless `STREAMJOBS_AUTH=none`) and the audit log, on the service's pool (the
    /// audit log's inserts on the pipelines when there are some), and the feed that keeps the credential
    /// cache truthful (unless `STREAMJOBS_AUTH_CACHE=off`); the caller closes the feed at shutdown.
    /// - Throws: `ConfigurationError` when authentication is on without a master key (fail closed).
    static func makeAccess(
        _ auth: AuthConfiguration, databaseURL: String, pool: PGPool, pipelines: PGPipelineGroup?, logger: Logger
    ) throws(ConfigurationError) -> (RequestAccess, CredentialChangeFeed?) {
        let audit = PostgresAuditLog(pool: pool, pipelines: pipelines, logger: logger)
        if auth.mode == .none { return (RequestAccess(authenticator: nil, audit: audit), nil) }
        guard let keyring = auth.keyring else {
            throw ConfigurationError(problems: ["STREAMJOBS_MASTER_KEY is not set: authentication is on and needs a master key"])
        }
        // Lookups on the pipelines: an HTTP worker never waits for one. With the cache, a credential seen
        // before is answered from memory while the change feed vouches for it.
        let database = PostgresCredentialStore(pool: pool, pipelines: pipelines, logger: logger)
        guard auth.cache else {
            return (RequestAccess(authenticator: Authenticator(store: database, keyring: keyring), audit: audit), nil)
        }
        let cache = CredentialCache()
        let feed = CredentialChangeFeed(conninfo: databaseURL, cache: cache, logger: logger)
        let store = CachingCredentialStore(database, cache: cache)
        return (RequestAccess(authenticator: Authenticator(store: store, keyring: keyring), audit: audit), feed)
    }
}
