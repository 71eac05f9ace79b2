import Metrics
import JobDomain
import PostgresClient
import ServiceMetrics
import Synchronization

/// The `streamjobs_jobs{status}` gauges: live jobs per DLI status, and `streamjobs_alarms_pending`, the
/// alarms waiting for delivery. Counting scans the live jobs, so it runs at most once per
/// `refreshEvery` per instance, when `/metrics` is scraped; in between the last counts are served. A
/// failed count leaves the previous values.
final class JobStatusGauges: Sendable {
    static let countByStatus = PGStatement(
        name: "ops.jobs_by_status",
        // A system path across projects: the SECURITY DEFINER function of migrations/0006 (row security).
        sql: "SELECT status, jobs FROM streamjobs_live_jobs_by_status()")
    static let pendingAlarms = PGStatement(
        name: "ops.alarms_pending",
        // A system path across projects: the SECURITY DEFINER function of migrations/0011 (job_alarms_due).
        sql: "SELECT streamjobs_pending_alarms()")

    private let pool: PGPool
    private let refreshEvery: Duration
    private let gauges: [String: Gauge]
    private let alarmsPending: Gauge
    private let lastRefresh = Mutex<ContinuousClock.Instant?>(nil)

    init(pool: PGPool, factory: any MetricsFactory, refreshEvery: Duration = .seconds(5)) {
        self.pool = pool
        self.refreshEvery = refreshEvery
        var gauges: [String: Gauge] = [:]
        for status in JobStatus.allCases {
            gauges[status.rawValue] = Gauge(
                label: MetricName.jobs, dimensions: [("status", status.rawValue)], factory: factory)
        }
        self.gauges = gauges
        alarmsPending = Gauge(label: MetricName.alarmsPending, factory: factory)
    }

    /// Recounts when the last count is older than `refreshEvery`; one caller counts, others go on.
    func refreshIfStale() {
        let now = ContinuousClock.now
        let due = lastRefresh.withLock { last in
            if let last, now - last < refreshEvery { return false }
            last = now
            return true
        }
        guard due else { return }
        guard let (counts, pending) = try? pool.withConnection({ connection in
            let result = try connection.execute(Self.countByStatus)
            let pending = try connection.execute(Self.pendingAlarms).int64(0, 0) ?? 0
            return ((0..<result.rowCount).map { (result.string($0, 0) ?? "", result.int64($0, 1) ?? 0) }, pending)
        }) else { return }
        alarmsPending.record(pending)
        var byStatus: [String: Int64] = [:]
        for (status, count) in counts { byStatus[status] = count }
        // Only statuses of the fixed list become labels; an unknown one in the table is ignored.
        for (status, gauge) in gauges { gauge.record(byStatus[status] ?? 0) }
    }
}
