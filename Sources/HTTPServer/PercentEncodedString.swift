/// A piece of a request target as sent (`raw`) together with its percent-decoded form (`decoded`).
///
/// Decoding never truncates: `%00` becomes a NUL character, which validators are expected to reject.
/// `decoded` is `nil` when an escape is malformed (`%zz`, a trailing `%4`) or the decoded bytes are not
/// valid UTF-8 (including overlong forms and surrogates).
public struct PercentEncodedString: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The text exactly as it appeared in the request target (invalid UTF-8 shown as U+FFFD).
    public let raw: String
    /// The percent-decoded text, or `nil` when `raw` is not well-formed.
    public let decoded: String?

    /// Decodes `raw` as a path segment (`+` stays a plus sign).
    /// - Parameter raw: percent-encoded text.
    public init(_ raw: String) {
        self.init(rawBytes: Array(raw.utf8), plusAsSpace: false)
    }

    /// Decodes `raw`, optionally turning `+` into a space as in `application/x-www-form-urlencoded` queries.
    /// - Parameters:
    ///   - raw: percent-encoded text.
    ///   - plusAsSpace: whether `+` means a space (query components only).
    public init(_ raw: String, plusAsSpace: Bool) {
        self.init(rawBytes: Array(raw.utf8), plusAsSpace: plusAsSpace)
    }

    /// Decodes raw request bytes, which need not be valid UTF-8.
    init<Bytes: Collection>(rawBytes: Bytes, plusAsSpace: Bool) where Bytes.Element == UInt8 {
        self.raw = String(decoding: rawBytes, as: UTF8.self)
        self.decoded = PercentDecoder.decode(rawBytes, plusAsSpace: plusAsSpace)
    }

    /// The raw form, for logs and debugging.
    public var description: String { raw }
}

/// Percent-decoding (RFC 3986 section 2.1) of raw bytes into validated UTF-8.
enum PercentDecoder {
    /// Returns the decoded string, or `nil` for a malformed escape or bytes that are not valid UTF-8.
    static func decode<Bytes: Collection>(_ bytes: Bytes, plusAsSpace: Bool) -> String?
    where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            bytes.formIndex(after: &index)
            switch byte {
            case UInt8(ascii: "%"):
                guard index != bytes.endIndex, let high = hexValue(bytes[index]) else { return nil }
                bytes.formIndex(after: &index)
                guard index != bytes.endIndex, let low = hexValue(bytes[index]) else { return nil }
                bytes.formIndex(after: &index)
                out.append(high << 4 | low)
            case UInt8(ascii: "+") where plusAsSpace:
                out.append(UInt8(ascii: " "))
            default:
                out.append(byte)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
