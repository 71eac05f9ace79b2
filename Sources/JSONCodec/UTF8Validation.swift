/// Well-formed UTF-8 per the Unicode Standard, table 3-7, shared by the parser (which rejects
/// ill-formed input) and the writer (which replaces it with U+FFFD).
enum UTF8Validation {
    /// The result of looking at the non-ASCII sequence starting at some index.
    enum Step {
        /// A well-formed sequence of `length` bytes (2 to 4).
        case valid(length: Int)
        /// An ill-formed sequence; its maximal subpart is `length` bytes (at least 1), the unit
        /// replaced by one U+FFFD (the same rule `String(decoding:as:)` follows).
        case invalid(length: Int)
    }

    /// Classifies the sequence whose lead byte, at `start`, is 0x80 or above.
    ///
    /// - Parameters:
    ///   - bytes: The input.
    ///   - start: Index of a byte ≥ 0x80.
    @inline(__always)
    static func step(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Step {
        let lead = bytes[start]
        let length: Int
        // The allowed range of the second byte narrows for E0, ED, F0 and F4 (no overlong forms,
        // no surrogates, nothing above U+10FFFF); later bytes are always 80...BF.
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return .invalid(length: 1)  // 80...C1 and F5...FF never start a sequence
        }
        let end = bytes.count
        guard start + 1 < end, (low...high).contains(bytes[start + 1]) else { return .invalid(length: 1) }
        var i = start + 2
        while i < start + length {
            guard i < end, bytes[i] & 0xC0 == 0x80 else { return .invalid(length: i - start) }
            i += 1
        }
        return .valid(length: length)
    }
}
