import Glibc

/// A point on `CLOCK_MONOTONIC`, the clock the pool's condition variable waits on.
struct MonotonicTime: Comparable, Sendable {
    /// Nanoseconds since an arbitrary start (boot).
    var nanoseconds: UInt64

    /// The current time.
    static func now() -> MonotonicTime {
        var spec = Glibc.timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return MonotonicTime(nanoseconds: UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec))
    }

    /// This time as a `timespec`, for `pthread_cond_timedwait`.
    var cTimespec: Glibc.timespec {
        Glibc.timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
    }

    /// The time `duration` later (negative durations count as zero).
    static func + (time: MonotonicTime, duration: Duration) -> MonotonicTime {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return time }
        let nanos = UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
        return MonotonicTime(nanoseconds: time.nanoseconds &+ nanos)
    }

    static func < (lhs: MonotonicTime, rhs: MonotonicTime) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}
