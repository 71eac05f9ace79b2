import Synchronization

/// Bounds the audit records written for failed authentications, so an attacker cannot turn failed
/// requests into unbounded database writes.
///
/// Per client address at most one record per second; overall at most `globalPerSecond` records per
/// second (addresses are cheap to vary with IPv6). A failure that is not written is counted, and the
/// next record written for that address carries the count (`AuditEvent.count`). The table of addresses
/// is cleared every second, so its size is bounded by the requests of one second.
public final class FailedAuthThrottle: Sendable {
    private struct State {
        var second: Int64 = 0
        var written: Set<String> = []
        var writtenThisSecond = 0
        /// Suppressed failures per address not yet carried by a record; bounded by `maxPending`.
        var pending: [String: Int] = [:]
        var droppedTotal = 0
    }

    private let state = Mutex(State())
    private let globalPerSecond: Int
    private let maxPending: Int
    private let now: @Sendable () -> Int64

    /// - Parameters:
    ///   - globalPerSecond: records per second over all addresses.
    ///   - maxPending: addresses whose suppressed counts are remembered (beyond that they are only
    ///     counted in `droppedTotal`).
    ///   - now: seconds (injectable for tests).
    public init(
        globalPerSecond: Int = 20, maxPending: Int = 10_000, now: @escaping @Sendable () -> Int64 = Authenticator.wallClockSeconds
    ) {
        self.globalPerSecond = globalPerSecond
        self.maxPending = maxPending
        self.now = now
    }

    /// Whether to write a record for a failure from `address` now, and how many failures it stands for
    /// (this one plus those suppressed before); `nil` means suppress.
    public func admit(_ address: String) -> Int? {
        let second = now()
        return state.withLock { s -> Int? in
            if s.second != second {
                s.second = second
                s.written.removeAll(keepingCapacity: true)
                s.writtenThisSecond = 0
            }
            if s.written.contains(address) || s.writtenThisSecond >= globalPerSecond {
                if let n = s.pending[address] {
                    s.pending[address] = n + 1
                } else if s.pending.count < maxPending {
                    s.pending[address] = 1
                } else {
                    s.droppedTotal += 1
                }
                return nil
            }
            s.written.insert(address)
            s.writtenThisSecond += 1
            return 1 + (s.pending.removeValue(forKey: address) ?? 0)
        }
    }

    /// Failures neither written nor carried (the pending table was full).
    public var droppedTotal: Int { state.withLock { $0.droppedTotal } }
}
