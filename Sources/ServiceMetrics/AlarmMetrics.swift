import Metrics

/// What the alarm dispatcher records: delivery attempts by outcome. Created once at start-up; thread-safe.
public struct AlarmMetrics: Sendable {
    private let delivered: Counter
    private let failed: Counter
    private let gaveUp: Counter

    /// Creates the counters on `factory` (every label value made up front).
    public init(factory: any MetricsFactory) {
        func counter(_ outcome: String) -> Counter {
            Counter(label: MetricName.alarmDeliveries, dimensions: [("outcome", outcome)], factory: factory)
        }
        delivered = counter("delivered")
        failed = counter("failed")
        gaveUp = counter("gave_up")
    }

    /// Counts the attempts of one dispatcher pass.
    /// - Parameters:
    ///   - delivered: attempts the receiver acknowledged.
    ///   - failed: failed attempts that will be retried.
    ///   - gaveUp: failed attempts after which the alarm is no longer tried.
    public func record(delivered: Int, failed: Int, gaveUp: Int) {
        if delivered > 0 { self.delivered.increment(by: delivered) }
        if failed > 0 { self.failed.increment(by: failed) }
        if gaveUp > 0 { self.gaveUp.increment(by: gaveUp) }
    }
}
