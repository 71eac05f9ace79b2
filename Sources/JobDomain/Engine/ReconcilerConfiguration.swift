/// Timing of the reconciler. Defaults suit a local cluster; every value is configurable at start-up.
public struct ReconcilerConfiguration: Sendable, Equatable {
    /// This instance's name in leases and journal entries; unique per instance.
    public var owner: String
    /// How long a claim holds work; another instance takes it over after this.
    public var leaseMillis: Int64 = 30_000
    /// How often a live job's engine state is polled.
    public var pollIntervalMillis: Int64 = 1_000
    /// Delay between two looks at an engine operation in progress (cancel, savepoint).
    public var operationPollMillis: Int64 = 300
    /// First retry delay when the engine is unreachable; doubles up to `maxRetryMillis`.
    public var retryMillis: Int64 = 500
    public var maxRetryMillis: Int64 = 10_000
    /// A stop's savepoint not taken after this long is given up for a cancel; a cancel the engine has not
    /// finished this long after it was sent ends the stop in `job_cancel_fail` (see `Reconciler+Stop.swift`).
    public var stopDeadlineMillis: Int64 = 20_000
    /// Whether deleting a live job stops it with a savepoint (escalating to cancel at the deadline).
    public var savepointOnDelete: Bool = true
    /// Claims of a log collection while the engine cannot be reached; the last one writes what is known.
    public var logCollectionAttempts: Int = 8
    /// Claims per tick.
    public var batchSize: Int = 16

    public init(owner: String) {
        self.owner = owner
    }

    /// The retry delay after `attempts` claims.
    func retryDelay(attempts: Int) -> Int64 {
        let shift = min(max(attempts - 1, 0), 10)
        return min(maxRetryMillis, retryMillis << Int64(shift))
    }
}
