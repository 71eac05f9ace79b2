import PostgresClient
import Synchronization

/// What `GET /readyz` checks: the database answers, its schema is the one this binary expects, and the
/// configured files and folders are still usable (``ConfigurationProbe``: a vanished SQL runner jar or
/// object root makes the instance unready, naming the key). The engine's reachability is reported but
/// does not decide readiness (a Flink outage must not take every instance out of the load balancer).
/// Results are cached for a second so probes stay cheap.
final class ReadinessCheck: Sendable {
    /// One check's outcome, as shown in the `/readyz` body.
    struct Report: Sendable, Equatable {
        /// `up` or `down`.
        var database: String
        /// `current`, `behind` (migrations pending), `ahead` (newer than this binary), `missing` or `unknown`.
        var schema: String
        /// `up`, `down` or `not_configured`.
        var engine: String
        /// `ok`, or `misconfigured` with the reasons in ``problems``.
        var config: String = "ok"
        /// One `KEY: reason` line per configuration problem (``ConfigurationProbe/problems()``).
        var problems: [String] = []
        var isReady: Bool { database == "up" && schema == "current" && config == "ok" }
    }

    static let schemaVersion = PGStatement(
        name: "ops.schema_version", sql: "SELECT coalesce(max(version), 0) FROM schema_migrations")

    private let pool: PGPool
    private let expectedSchemaVersion: Int?
    private let engineProbe: (@Sendable () -> Bool)?
    private let configuration: ConfigurationProbe?
    private let cacheFor: Duration
    private let cached = Mutex<(at: ContinuousClock.Instant, report: Report)?>(nil)

    /// - Parameters:
    ///   - pool: the service's pool (a probe waits at most its checkout timeout).
    ///   - expectedSchemaVersion: the latest migration this binary ships, or nil when unknown.
    ///   - engineProbe: answers whether the Flink engine is reachable; nil when no engine is configured.
    ///   - configuration: the files and folders to check again; nil: none.
    ///   - cacheFor: how long a report is reused.
    init(
        pool: PGPool, expectedSchemaVersion: Int?, engineProbe: (@Sendable () -> Bool)?,
        configuration: ConfigurationProbe? = nil, cacheFor: Duration = .seconds(1)
    ) {
        self.pool = pool
        self.expectedSchemaVersion = expectedSchemaVersion
        self.engineProbe = engineProbe
        self.configuration = configuration
        self.cacheFor = cacheFor
    }

    /// The current report, from the cache when it is fresh.
    func report() -> Report {
        let now = ContinuousClock.now
        if let hit = cached.withLock({ $0 }), now - hit.at < cacheFor { return hit.report }
        var fresh = Report(database: "down", schema: "unknown", engine: "not_configured").checked(
            pool: pool, expected: expectedSchemaVersion, engineProbe: engineProbe)
        if let problems = configuration?.problems(), !problems.isEmpty {
            fresh.config = "misconfigured"
            fresh.problems = problems
        }
        cached.withLock { $0 = (now, fresh) }
        return fresh
    }
}

extension ReadinessCheck.Report {
    fileprivate func checked(pool: PGPool, expected: Int?, engineProbe: (@Sendable () -> Bool)?) -> Self {
        var report = self
        do {
            let version = try pool.withConnection { connection in
                try connection.execute(ReadinessCheck.schemaVersion).int(0, 0) ?? 0
            }
            report.database = "up"
            if let expected {
                report.schema = version == expected ? "current" : version < expected ? "behind" : "ahead"
            }
        } catch let error as PGError where error.kind == .query {
            report.database = "up"
            report.schema = "missing"
        } catch {
            report.database = "down"
        }
        if let engineProbe { report.engine = engineProbe() ? "up" : "down" }
        return report
    }
}
