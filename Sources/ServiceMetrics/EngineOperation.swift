/// What the reconciler asked the Flink engine to do: the bounded label of
/// ``MetricName/engineErrors``. Anything else is recorded as ``other``.
public enum EngineOperation: String, Sendable, CaseIterable {
    case submit
    case cancel
    case status
    case savepoint
    case upload
    case health
    case other
}
