import Metrics
import HTTPServer
import PostgresClient
import Prometheus
import ServiceMetrics

/// `GET /metrics`: every metric in the Prometheus text format (version 0.0.4). Pool gauges are read
/// at scrape time; job counts come from ``JobStatusGauges`` (refreshed at most every few seconds).
struct MetricsEndpoint: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let pool: PGPool
    private let jobs: JobStatusGauges
    private let poolInUse: Metrics.Gauge
    private let poolWaiting: Metrics.Gauge
    private let poolSize: Metrics.Gauge

    init(registry: PrometheusCollectorRegistry, factory: any MetricsFactory, pool: PGPool, jobs: JobStatusGauges) {
        self.registry = registry
        self.pool = pool
        self.jobs = jobs
        poolInUse = Metrics.Gauge(label: MetricName.poolInUse, factory: factory)
        poolWaiting = Metrics.Gauge(label: MetricName.poolWaiting, factory: factory)
        poolSize = Metrics.Gauge(label: MetricName.poolSize, factory: factory)
    }

    /// Refreshes the sampled gauges and renders the registry.
    func response() -> HTTPResponse {
        let stats = pool.stats
        poolInUse.record(stats.inUse)
        poolWaiting.record(stats.waiting)
        poolSize.record(stats.size)
        jobs.refreshIfStale()
        var body: [UInt8] = []
        body.reserveCapacity(8192)
        registry.emit(into: &body)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")
        headers.add(name: "Cache-Control", value: "no-store")
        return HTTPResponse(status: 200, headers: headers, body: body)
    }
}
