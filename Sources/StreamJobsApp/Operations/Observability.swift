import Metrics
import Prometheus
import ServiceMetrics

/// One running service's metrics: a Prometheus registry (rendered at `/metrics`), the swift-metrics
/// factory writing into it, and the metric sets other components record into. Each `ServiceRuntime`
/// has its own, so several runtimes in one test process do not mix their numbers.
public final class Observability: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory over ``registry``; pass it to components that make their own metrics.
    public let factory: PrometheusMetricsFactory
    /// What the engine reconciler records (pass lag, pass time, engine errors, engine up).
    public let reconciler: ReconcilerMetrics
    /// What the alarm dispatcher records (delivery attempts by outcome).
    public let alarms: AlarmMetrics

    /// Creates an empty registry and the metric sets on it.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[MetricName.reconcilerPassDuration] = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1),
            .seconds(5), .seconds(15), .seconds(60),
        ]
        self.factory = factory
        reconciler = ReconcilerMetrics(factory: factory)
        alarms = AlarmMetrics(factory: factory)
    }
}
