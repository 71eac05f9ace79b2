import Glibc

/// Wall-clock time in epoch milliseconds, DLI's unit for times.
public enum EpochClock {
    @Sendable public static func millis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
