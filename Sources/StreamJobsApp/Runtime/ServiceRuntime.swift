import DLIAPI
import HTTPServer
import JobDomain
import JobStorePostgres
import Logging
import PostgresClient

/// The running service: the wiring of pool → repository → service → DLI responder → HTTP server.
/// `streamjobs serve` and the end-to-end tests both start it through here.
public final class ServiceRuntime: Sendable {
    public let server: HTTPServer
    public let pool: PGPool
    private let logger: Logger

    /// Builds and starts the service. The database may be down: requests then get 503 until it returns.
    /// - Throws: `HTTPServerStartError` when the port cannot be bound.
    public init(configuration: ServiceConfiguration, logger: Logger) throws {
        self.logger = logger
        pool = PGPool(
            conninfo: configuration.databaseURL, size: configuration.databasePoolSize,
            checkoutTimeout: .milliseconds(configuration.databaseCheckoutTimeoutMillis))
        let repository = PostgresJobRepository(pool: pool, logger: logger)
        let responder = DLIResponder(service: JobService(repository: repository), logger: logger)
        server = HTTPServer(configuration: configuration.http, responder: responder, logger: logger)
        do {
            try server.start()
        } catch {
            pool.close()
            throw error
        }
    }

    /// The port the server listens on (useful when the configuration asked for port 0).
    public var port: UInt16 { server.boundPort }

    /// Stops accepting, lets in-flight requests finish within `gracePeriod`, then closes the pool.
    public func shutdown(gracePeriod: Duration) {
        server.shutdown(gracePeriod: gracePeriod)
        pool.close()
        logger.notice("stopped")
    }
}
