/// How a delete stops a job that may be live on the engine (a StreamJobs extension; DLI has none).
public enum StopPolicy: String, Sendable, CaseIterable {
    /// Cancel at once: no savepoint.
    case cancel
    /// Stop with a savepoint (Flink's stop, `drain: false`), cancelling if none is taken by the deadline.
    case savepoint
    /// Stop with a savepoint after draining (Flink's stop, `drain: true`: sources end, event-time timers
    /// fire), cancelling if none is taken by the deadline.
    case drain

    /// Whether the stop takes a savepoint first.
    public var takesSavepoint: Bool { self != .cancel }
}

/// A delete's stop options; nil takes the service's setting (`STREAMJOBS_ENGINE_SAVEPOINT_ON_DELETE`,
/// `STREAMJOBS_ENGINE_STOP_DEADLINE_SECONDS`). They travel with the delete's engine work.
public struct StopOptions: Sendable, Equatable {
    public var policy: StopPolicy?
    /// How long a savepoint may take before the stop escalates to cancel, and a cancel before it is
    /// sent again.
    public var deadlineMillis: Int64?

    public init(policy: StopPolicy? = nil, deadlineMillis: Int64? = nil) {
        self.policy = policy
        self.deadlineMillis = deadlineMillis
    }

    /// The engine work parameters that carry the options (`engine_work.parameters`).
    public var engineParameters: [String: String] {
        var p: [String: String] = [:]
        if let policy { p["policy"] = policy.rawValue }
        if let deadlineMillis { p["deadline_ms"] = String(deadlineMillis) }
        return p
    }
}
