/// A project identifier: 1–64 characters of `[A-Za-z0-9_-]` (dli-api.md §2, widened by `_` and `-`).
///
/// Every repository query is scoped by one; constructing one is the only way to pass validation.
public struct ProjectID: Hashable, Sendable, CustomStringConvertible {
    /// The validated text.
    public let rawValue: String

    /// Validates `text`; returns nil when it is empty, longer than 64 or has a character outside `[A-Za-z0-9_-]`.
    public init?(_ text: String) {
        let utf8 = text.utf8
        guard (1...64).contains(utf8.count), utf8.allSatisfy(ProjectID.isAllowed) else { return nil }
        rawValue = text
    }

    public var description: String { rawValue }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}

/// A job identifier: a positive 64-bit integer.
public struct JobID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The numeric value, always ≥ 1.
    public let rawValue: Int64

    /// Wraps a positive value; nil for zero or negative values.
    public init?(_ value: Int64) {
        guard value > 0 else { return nil }
        rawValue = value
    }

    /// Parses the canonical decimal form: ASCII digits only, no sign, no leading zero, 1…Int64.max.
    public init?(decimal text: String) {
        let utf8 = text.utf8
        guard let first = utf8.first, first != UInt8(ascii: "0"), utf8.count <= 19 else { return nil }
        var value: Int64 = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        self.init(value)
    }

    public var description: String { String(rawValue) }
    public static func < (lhs: JobID, rhs: JobID) -> Bool { lhs.rawValue < rhs.rawValue }
}
