import Glibc

/// Durations (`90s`, `15m`, `24h`, `7d`) for `--ttl`.
enum DurationText {
    /// The duration in seconds, or nil when `text` is not a positive integer followed by s, m, h or d.
    static func seconds(_ text: String) -> Int64? {
        guard let unit = text.last, let n = Int64(text.dropLast()), n >= 0, n < 1_000_000_000 else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        default: return nil
        }
    }
}

/// Times for the admin commands' input (`--since`) and output.
enum CLITime {
    /// Epoch milliseconds for `--since`: an RFC 3339 time, or a duration back from now.
    static func sinceMillis(_ text: String) -> Int64? {
        if let seconds = DurationText.seconds(text) { return nowMillis() - seconds * 1000 }
        return rfc3339Millis(text)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`.
    static func rfc3339Millis(_ text: String) -> Int64? {
        let c = Array(text.utf8)
        guard c.count >= 20, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"), c[10] == UInt8(ascii: "T") || c[10] == UInt8(ascii: "t"),
            c[13] == UInt8(ascii: ":"), c[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard i < c.count, c[i] >= UInt8(ascii: "0"), c[i] <= UInt8(ascii: "9") else { return nil }
                v = v * 10 + Int(c[i] - UInt8(ascii: "0"))
            }
            return v
        }
        guard let y = number(0..<4), let mo = number(5..<7), let d = number(8..<10), let h = number(11..<13),
            let mi = number(14..<16), let s = number(17..<19), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        var millis = 0
        if i < c.count, c[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < c.count, c[i] >= UInt8(ascii: "0"), c[i] <= UInt8(ascii: "9") {
                if digits < 3 { millis = millis * 10 + Int(c[i] - UInt8(ascii: "0")) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millis *= 10 }
        }
        var offset = 0
        guard i < c.count else { return nil }
        if c[i] == UInt8(ascii: "Z") || c[i] == UInt8(ascii: "z") {
            guard i + 1 == c.count else { return nil }
        } else {
            guard c[i] == UInt8(ascii: "+") || c[i] == UInt8(ascii: "-"), i + 6 == c.count, c[i + 3] == UInt8(ascii: ":"),
                let oh = number(i + 1..<i + 3), let om = number(i + 4..<i + 6)
            else { return nil }
            offset = (oh * 60 + om) * 60 * (c[i] == UInt8(ascii: "-") ? -1 : 1)
        }
        var parts = tm()
        parts.tm_year = Int32(y - 1900)
        parts.tm_mon = Int32(mo - 1)
        parts.tm_mday = Int32(d)
        parts.tm_hour = Int32(h)
        parts.tm_min = Int32(mi)
        parts.tm_sec = Int32(s)
        return (Int64(timegm(&parts)) - Int64(offset)) * 1000 + Int64(millis)
    }

    /// `2026-01-02T03:04:05.678Z`.
    static func rfc3339(millis: Int64) -> String {
        UTCTimestamp.iso8601(timespec(tv_sec: Int(millis / 1000), tv_nsec: Int(millis % 1000) * 1_000_000))
    }

    static func nowMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec / 1_000_000)
    }
}
