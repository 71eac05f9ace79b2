import DLIAPI
import HTTPServer

/// Everything `streamjobs serve` needs, read from the environment and validated at start-up.
/// Every key is documented in `config/streamjobs.env.example`.
public struct ServiceConfiguration: Sendable, CustomStringConvertible {
    /// libpq connection URI or key=value string. Secret (may hold a password).
    public var databaseURL: String
    public var http: HTTPServerConfiguration
    public var databasePoolSize: Int
    public var databaseCheckoutTimeoutMillis: Int
    /// Threads driving PostgreSQL sessions in pipeline mode, for the work that waits on no thread (GET,
    /// DELETE and create of a job, audit inserts); 0 sends all of it through the pool.
    public var databasePipelines: Int = 1
    /// PostgreSQL sessions each pipeline thread drives.
    public var databasePipelineSessions: Int = 16
    /// Whether `streamjobs serve` runs under `SCHED_BATCH` (`STREAMJOBS_SCHED_BATCH`, default on).
    public var batchScheduling = true
    public var migrationsDirectory: String
    public var logLevel: String
    /// `auto` (text on a terminal, else JSON lines), `json` or `text`.
    public var logFormat: String = "auto"
    /// Seconds in-flight requests get to finish after SIGTERM/SIGINT.
    public var shutdownGraceSeconds: Int = 10
    /// The Flink engine and its reconciler; nil when `STREAMJOBS_FLINK_URL` is unset.
    public var engine: EngineConfiguration? = nil
    /// The folder standing for the object store (export/import archives, Jar files), absolute.
    public var objectRoot: String = ".local/objects"
    /// The DLI API's per-route body limit and JSON depth (the HTTP limits are in `http`).
    public var requestLimits = DLIRequestLimits()
    /// The bounds on export and import archives (not read from the environment: the defaults).
    public var archiveLimits = ArchiveLimits()
    /// Authentication and the master key (`STREAMJOBS_AUTH`, `STREAMJOBS_MASTER_KEY`); see AuthConfiguration.
    public var auth = AuthConfiguration(mode: .on, keyring: nil)
    /// The OpenAPI document served at `GET /openapi.json` (`OpenAPIDocument.locate`); nil: none found,
    /// and the path answers the API's 404.
    public var openAPIDocumentPath: String? = nil
    /// Failure alarms and their receiver (`STREAMJOBS_ALARM_*`); nil when `STREAMJOBS_ALARM_WEBHOOK_URL` is unset.
    public var alarms: AlarmConfiguration? = nil
    /// Seconds between two passes of the purger of deleted jobs past their project's retention
    /// (`STREAMJOBS_PURGE_INTERVAL_SECONDS`); 0: no purger on this instance (purges on request still work).
    public var purgeIntervalSeconds: Int = 60

    /// Reads and validates the configuration.
    /// - Parameter layout: where the defaults of the data files are (the running executable's install
    ///   layout, or a checkout's).
    /// - Throws: `ConfigurationError` listing one line per bad key.
    public static func fromEnvironment(
        _ environment: [String: String], layout: InstallLayout = .current
    ) throws(ConfigurationError) -> ServiceConfiguration {
        var env = EnvironmentReader(environment)
        let databaseURL = env.require(
            "STREAMJOBS_DATABASE_URL", hint: "set it to a libpq URI such as postgresql://user@127.0.0.1:5432/streamjobs")
        var http = HTTPServerConfiguration()
        http.host = env.string("STREAMJOBS_HTTP_HOST", default: "127.0.0.1")
        http.port = UInt16(env.int("STREAMJOBS_HTTP_PORT", default: 8080, range: 0...65535))
        let workers = AvailableCPUs.defaultWorkerThreads
        http.threadPoolSize = env.int("STREAMJOBS_HTTP_THREADS", default: workers, range: 1...256)
        http.maxBodyBytes = env.int("STREAMJOBS_MAX_BODY_BYTES", default: 2 * 1024 * 1024, range: 1024...64 * 1024 * 1024)
        http.connectionTimeoutSeconds = env.int("STREAMJOBS_HTTP_IDLE_TIMEOUT_SECONDS", default: 30, range: 1...3600)
        http.connectionLimit = env.int("STREAMJOBS_HTTP_MAX_CONNECTIONS", default: 1024, range: 1...65536)
        let requestLimits = Self.readLimits(&env, http: &http)  // ServiceConfiguration+Limits.swift
        for problem in http.validationErrors { env.report("STREAMJOBS_HTTP_*: \(problem)") }
        let poolSize = env.int("STREAMJOBS_DB_POOL_SIZE", default: http.threadPoolSize, range: 1...512)
        let checkout = env.int("STREAMJOBS_DB_CHECKOUT_TIMEOUT_MS", default: 2000, range: 1...60_000)
        let schedBatch = env.choice("STREAMJOBS_SCHED_BATCH", default: "on", allowed: ["on", "off"]) == "on"
        // At least 1: without pipeline sessions the per-request reads and writes would wait on the pool on
        // the HTTP worker (ARCHITECTURE.md §3).
        let pipelines = env.int("STREAMJOBS_DB_PIPELINES", default: min(AvailableCPUs.count, 16), range: 1...64)
        let pipelineSessions = env.int("STREAMJOBS_DB_PIPELINE_SESSIONS", default: 16, range: 1...64)
        let migrations = env.string("STREAMJOBS_MIGRATIONS_DIR", default: layout.migrationsDirectory)
        let logLevel = env.choice(
            "STREAMJOBS_LOG_LEVEL", default: "info", allowed: ["trace", "debug", "info", "notice", "warning", "error", "critical"])
        let logFormat = env.choice("STREAMJOBS_LOG_FORMAT", default: "auto", allowed: LogFormat.allCases.map(\.rawValue))
        let grace = env.int("STREAMJOBS_SHUTDOWN_GRACE_SECONDS", default: 10, range: 0...3600)
        let engine = EngineConfiguration.read(&env, layout: layout)
        let objectRoot = Self.objectRoot(&env)
        let auth = AuthConfiguration.read(&env, host: http.host)
        let openAPI = OpenAPIDocument.locate(&env, layout: layout)
        let alarms = AlarmConfiguration.read(&env)
        let purgeInterval = env.int("STREAMJOBS_PURGE_INTERVAL_SECONDS", default: 60, range: 0...86_400)
        if !env.problems.isEmpty { throw ConfigurationError(problems: env.problems) }
        var configuration = ServiceConfiguration(
            databaseURL: databaseURL, http: http, databasePoolSize: poolSize, databaseCheckoutTimeoutMillis: checkout,
            migrationsDirectory: migrations, logLevel: logLevel)
        configuration.logFormat = logFormat
        configuration.databasePipelines = pipelines
        configuration.databasePipelineSessions = pipelineSessions
        configuration.batchScheduling = schedBatch
        configuration.shutdownGraceSeconds = grace
        configuration.engine = engine
        configuration.objectRoot = objectRoot
        configuration.requestLimits = requestLimits
        configuration.auth = auth
        configuration.openAPIDocumentPath = openAPI
        configuration.alarms = alarms
        configuration.purgeIntervalSeconds = purgeInterval
        return configuration
    }

    /// The configuration with secrets redacted, for logs.
    public var description: String {
        "http=\(http.host):\(http.port) threads=\(http.threadPoolSize) max_body=\(http.maxBodyBytes) "
            + "db=\(Redaction.databaseURL(databaseURL)) pool=\(databasePoolSize) pipelines=\(databasePipelines)x\(databasePipelineSessions) migrations=\(migrationsDirectory)"
            + " log=\(logLevel)/\(logFormat) grace=\(shutdownGraceSeconds)s sched_batch=\(batchScheduling ? "on" : "off")"
            + (engine.map { " engine: \($0.summary)" } ?? " engine=off")
            + " objects=\(objectRoot)"
            + " \(auth.summary)"
            + (alarms.map { " \($0)" } ?? " alarms=off")
            + (purgeIntervalSeconds > 0 ? " purge=\(purgeIntervalSeconds)s" : " purge=off")
    }
}

/// Start-up configuration problems, one line each.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String { problems.map { "config: \($0)" }.joined(separator: "\n") }
}
