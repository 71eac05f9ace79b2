/// What to do with an alarm whose delivery attempt failed.
public enum AlarmRetryDecision: Sendable, Equatable {
    /// Try again after this many milliseconds.
    case retry(afterMillis: Int64)
    /// Stop trying: the alarm's state becomes `gave_up`.
    case giveUp
}

/// The back-off rule of alarm delivery: the first retry `initialDelayMillis` after a failure, each
/// later one twice as long, capped at `maxDelayMillis`; after `maxAttempts` failed attempts, give up.
/// With the defaults (1 s, 5 min, 20) an alarm is tried for about an hour.
public struct AlarmRetryRule: Sendable, Equatable {
    public var initialDelayMillis: Int64
    public var maxDelayMillis: Int64
    public var maxAttempts: Int

    public init(initialDelayMillis: Int64 = 1000, maxDelayMillis: Int64 = 300_000, maxAttempts: Int = 20) {
        self.initialDelayMillis = max(1, initialDelayMillis)
        self.maxDelayMillis = max(self.initialDelayMillis, maxDelayMillis)
        self.maxAttempts = max(1, maxAttempts)
    }

    /// The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed:
    /// `initialDelayMillis × 2^(attempt − 1)`, at most `maxDelayMillis`.
    public func delayMillis(afterAttempt attempt: Int) -> Int64 {
        let doublings = max(0, attempt - 1)
        // Past 40 doublings any initial delay is over every sensible cap; avoid overflow.
        guard doublings < 40 else { return maxDelayMillis }
        let delay = initialDelayMillis.multipliedReportingOverflow(by: Int64(1) << Int64(doublings))
        return delay.overflow ? maxDelayMillis : min(delay.partialValue, maxDelayMillis)
    }

    /// The decision after attempt number `attempts` (1-based, as counted by the claim) failed.
    public func afterFailure(attempts: Int) -> AlarmRetryDecision {
        attempts >= maxAttempts ? .giveUp : .retry(afterMillis: delayMillis(afterAttempt: attempts))
    }
}
