import Metrics

/// The metrics the engine reconciler records. Created once at start-up (by `ServiceRuntime`) with the
/// service's metrics factory and handed to the reconciler; thread-safe.
///
/// ```swift
/// let started = ContinuousClock.now
/// // ... one pass ...
/// metrics.recordPass(duration: ContinuousClock.now - started, lagSeconds: oldestPendingAge)
/// metrics.recordEngineError(.cancel)   // on a failed call to Flink
/// ```
public struct ReconcilerMetrics: Sendable {
    private let lag: Gauge
    private let passDuration: Timer
    private let passes: Counter
    private let engineUp: Gauge
    private let errors: [EngineOperation: Counter]

    /// Creates the reconciler's metrics on `factory` (every label set made up front).
    /// - Parameter factory: the service's metrics factory (the Prometheus one in production).
    public init(factory: any MetricsFactory) {
        lag = Gauge(label: MetricName.reconcilerLag, factory: factory)
        passDuration = Timer(label: MetricName.reconcilerPassDuration, factory: factory)
        passes = Counter(label: MetricName.reconcilerPasses, factory: factory)
        engineUp = Gauge(label: MetricName.engineUp, factory: factory)
        var errors: [EngineOperation: Counter] = [:]
        for operation in EngineOperation.allCases {
            errors[operation] = Counter(
                label: MetricName.engineErrors, dimensions: [("operation", operation.rawValue)], factory: factory)
        }
        self.errors = errors
    }

    /// Records one completed reconciler pass.
    /// - Parameters:
    ///   - duration: how long the pass took.
    ///   - lagSeconds: age in seconds of the oldest engine work item still pending after the pass (0 when none).
    public func recordPass(duration: Duration, lagSeconds: Double) {
        passes.increment()
        passDuration.record(duration: duration)
        lag.record(max(0, lagSeconds))
    }

    /// Counts one failed call to the Flink engine.
    /// - Parameter operation: what was asked of the engine.
    public func recordEngineError(_ operation: EngineOperation) {
        errors[operation]?.increment()
    }

    /// Records the result of an engine health probe.
    /// - Parameter reachable: whether the Flink REST API answered.
    public func recordEngineReachable(_ reachable: Bool) {
        engineUp.record(reachable ? 1 : 0)
    }
}
