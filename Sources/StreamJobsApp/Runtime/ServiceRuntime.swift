import Auth
import AuthStorePostgres
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
    /// The sessions in pipeline mode for non-blocking reads; nil when configured off.
    public let pipelines: PGPipelineGroup?
    /// The threads the endpoints that block run on (one per pooled connection), so no HTTP worker waits.
    private let blockingExecutor: BlockingExecutor
    /// This runtime's metrics registry (rendered at `/metrics`) and the metric sets components record into.
    public let observability = Observability()
    private let logger: Logger
    /// Keeps the credential cache truthful (LISTEN on its own session), when authentication caches.
    private let credentialFeed: CredentialChangeFeed?
    /// The engine reconciler's threads, when `STREAMJOBS_FLINK_URL` is configured.
    public let reconciler: ReconcilerRunner?
    /// The alarm dispatcher's threads, when `STREAMJOBS_ALARM_WEBHOOK_URL` is configured.
    public let alarmDispatch: AlarmDispatchRunner?
    /// The purger's thread (deleted jobs past their project's retention), unless
    /// `STREAMJOBS_PURGE_INTERVAL_SECONDS` is 0; it runs with or without an engine.
    public let purgeRunner: PurgeRunner?

    /// Builds and starts the service. The database may be down: requests then get 503 until it returns.
    /// - Throws: `HTTPServerStartError` when the port cannot be bound, `ConfigurationError` when the
    ///   object root cannot be created.
    public init(configuration: ServiceConfiguration, logger: Logger) throws {
        self.logger = logger
        let objectStore = try configuration.openObjectStore()
        pool = PGPool(
            conninfo: configuration.databaseURL, size: configuration.databasePoolSize,
            checkoutTimeout: .milliseconds(configuration.databaseCheckoutTimeoutMillis))
        pipelines =
            configuration.databasePipelines > 0
            ? PGPipelineGroup(
                conninfo: configuration.databaseURL, threads: configuration.databasePipelines,
                sessionsPerThread: configuration.databasePipelineSessions) : nil
        let blockingExecutor = BlockingExecutor(threads: configuration.databasePoolSize)
        self.blockingExecutor = blockingExecutor
        let repository = PostgresJobRepository(pool: pool, pipelines: pipelines, logger: logger)
        let templateRepository = PostgresTemplateRepository(pool: pool, pipelines: pipelines, logger: logger)
        let pool = self.pool
        let metrics = observability.reconciler
        let engine = configuration.engine.map { Self.makeEngine($0, pool: pool, metrics: metrics, logger: logger) }
        let alarmOutbox = PostgresAlarmOutbox(pool: pool, pipelines: pipelines, logger: logger)
        let alarmMetrics = observability.alarms
        alarmDispatch = configuration.alarms.map {
            Self.makeAlarmDispatch($0, outbox: alarmOutbox, metrics: alarmMetrics, logger: logger)
        }
        var responder = DLIResponder(
            service: JobService(repository: repository, templates: templateRepository), logger: logger,
            templates: TemplateService(repository: templateRepository), objectStore: objectStore,
            executionGraph: engine?.executionGraph, streamGraph: engine?.streamGraph, jobMetrics: engine?.jobMetrics,
            alarms: alarmOutbox, alarmReceiverConfigured: configuration.alarms != nil)
        do {
            (responder.access, credentialFeed) = try Self.makeAccess(
                configuration.auth, databaseURL: configuration.databaseURL, pool: pool, pipelines: pipelines,
                logger: logger)
        } catch {
            blockingExecutor.close()  // their threads would keep them alive
            pipelines?.close()
            throw error
        }
        responder.limits = configuration.requestLimits
        responder.archiveLimits = configuration.archiveLimits
        responder.blockingExecutor = blockingExecutor
        if let keyring = configuration.auth.keyring {
            // Every instance with the same master key accepts the others' page cursors.
            responder.cursorKey = PageCursorKey(secret: keyring.current.derivedKey(purpose: "streamjobs page cursors v1"))
        }
        responder.idempotency = PostgresIdempotencyStore(pool: pool, pipelines: pipelines, logger: logger)
        let purgeStore = PostgresJobPurgeStore(pool: pool, logger: logger)
        let disposer = ObjectStoreStateDisposer(store: objectStore, logger: logger)
        let instance = EngineConfiguration.defaultInstanceName()
        responder.purger = JobPurger(store: purgeStore, disposer: disposer, owner: "\(instance)-purge-request")
        purgeRunner =
            configuration.purgeIntervalSeconds > 0
            ? PurgeRunner(
                purger: JobPurger(store: purgeStore, disposer: disposer, owner: "\(instance)-purger"),
                intervalSeconds: configuration.purgeIntervalSeconds, logger: logger) : nil
        var operations = OperationsResponder(
            wrapping: responder, configuration: configuration, pool: pool, observability: observability,
            engineProbe: engine?.probe, logger: logger)
        operations.blockingExecutor = blockingExecutor
        server = HTTPServer(configuration: configuration.http, responder: operations, logger: logger)
        reconciler = engine?.runner
        do {
            try server.start()
        } catch {
            blockingExecutor.close()
            credentialFeed?.close()
            pipelines?.close()
            pool.close()
            throw error
        }
        if let reconciler, let engine = configuration.engine { reconciler.start(threads: engine.threads) }
        alarmDispatch?.start()
        purgeRunner?.start()
    }

    /// The port the server listens on (useful when the configuration asked for port 0).
    public var port: UInt16 { server.boundPort }

    /// Stops accepting, lets in-flight requests finish within `gracePeriod`, then closes the pool.
    public func shutdown(gracePeriod: Duration) {
        // Blocking work not started when the grace period ends is dropped (its requests are then answered
        // 503, truthfully: nothing was done); work running is waited for and answered.
        server.shutdown(gracePeriod: gracePeriod) { [blockingExecutor] in blockingExecutor.close() }
        blockingExecutor.close()  // idempotent; the server skips beforeCut when it was not running
        reconciler?.stop()
        alarmDispatch?.stop()
        purgeRunner?.stop()
        credentialFeed?.close()
        pipelines?.close()
        pool.close()
        logger.notice("stopped")
    }
}
