import Synchronization

/// Bounds the audit records written for failed authentications, so an attacker cannot turn failed
/// requests into unbounded database writes.
///
/// Failures are counted per `FailedAuthKey` (client address, project, credential, reason): per key at
/// most one record per second; overall at most `globalPerSecond` records per second (addresses are
/// cheap to vary with IPv6). A failure that is not written is counted, and the next record written for
/// the same key carries the count (`AuditEvent.count`), so a record only ever counts failures exactly
/// like its own, never another project's. The table of keys written is cleared every second, so its size
/// is bounded by the requests of one second.
public final class FailedAuthThrottle: Sendable {
    private struct State {
        var second: Int64 = 0
        var written: Set<FailedAuthKey> = []
        var writtenThisSecond = 0
        /// Suppressed failures per key not yet carried by a record; bounded by `maxPending`.
        var pending: [FailedAuthKey: Int] = [:]
        var droppedTotal = 0
    }

    private let state = Mutex(State())
    private let globalPerSecond: Int
    private let maxPending: Int
    private let now: @Sendable () -> Int64

    /// - Parameters:
    ///   - globalPerSecond: records per second over all keys.
    ///   - maxPending: keys whose suppressed counts are remembered (beyond that they are only
    ///     counted in `droppedTotal`).
    ///   - now: seconds (injectable for tests).
    public init(
        globalPerSecond: Int = 20, maxPending: Int = 10_000, now: @escaping @Sendable () -> Int64 = Authenticator.wallClockSeconds
    ) {
        self.globalPerSecond = globalPerSecond
        self.maxPending = maxPending
        self.now = now
    }

    /// Whether to write a record for a failure with this `key` now, and how many failures it stands for
    /// (this one plus those with the same key suppressed before); `nil` means suppress.
    public func admit(_ key: FailedAuthKey) -> Int? {
        let second = now()
        return state.withLock { s -> Int? in
            if s.second != second {
                s.second = second
                s.written.removeAll(keepingCapacity: true)
                s.writtenThisSecond = 0
            }
            if s.written.contains(key) || s.writtenThisSecond >= globalPerSecond {
                if let n = s.pending[key] {
                    s.pending[key] = n + 1
                } else if s.pending.count < maxPending {
                    s.pending[key] = 1
                } else {
                    s.droppedTotal += 1
                }
                return nil
            }
            s.written.insert(key)
            s.writtenThisSecond += 1
            return 1 + (s.pending.removeValue(forKey: key) ?? 0)
        }
    }

    /// Failures neither written nor carried (the pending table was full).
    public var droppedTotal: Int { state.withLock { $0.droppedTotal } }
}
