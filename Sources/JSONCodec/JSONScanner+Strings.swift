extension JSONScanner {
    /// Reads a string whose opening quote is at the cursor, leaving the cursor after the closing one.
    ///
    /// Strings without escapes (the common case) become a `String` straight from the input;
    /// others are unescaped into the reused `scratch` buffer first.
    ///
    /// - Throws: `.controlCharacterInString`, `.invalidUTF8`, `.invalidEscape`,
    ///   `.invalidUnicodeEscape`, `.loneSurrogate` at the offending byte, or
    ///   `.unexpectedEndOfInput` for an unterminated string.
    mutating func parseString() throws(JSONParseError) -> String {
        try parseString(fingerprinting: false).string
    }

    /// Reads a member name like ``parseString()``, with its ``nameFingerprint(_:)``.
    mutating func parseMemberNameString() throws(JSONParseError) -> (string: String, fingerprint: UInt64) {
        try parseString(fingerprinting: true)
    }

    /// A hash of an ASCII name, never 0; or 0 for a name with non-ASCII characters, which may equal
    /// a differently encoded name (canonical equivalence) and so must always be compared in full.
    @inline(__always)
    static func nameFingerprint(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in utf8 {
            if byte >= 0x80 { return 0 }
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash | 1
    }

    /// Reads a string; with `fingerprinting`, also hashes its UTF-8 for duplicate-name checks.
    @inline(__always)
    private mutating func parseString(
        fingerprinting: Bool
    ) throws(JSONParseError) -> (string: String, fingerprint: UInt64) {
        let start = position + 1
        var i = try scanRun(from: start)
        guard i < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: i) }
        if bytes[i] == UInt8(ascii: "\"") {
            position = i + 1
            let utf8 = UnsafeBufferPointer(rebasing: bytes[start..<i])
            return (String(decoding: utf8, as: UTF8.self), fingerprinting ? Self.nameFingerprint(utf8) : 0)
        }
        // bytes[i] is a backslash: switch to unescaping into scratch.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while true {
            i = try appendEscape(at: i)
            let runEnd = try scanRun(from: i)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<runEnd]))
            i = runEnd
            guard i < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: i) }
            if bytes[i] == UInt8(ascii: "\"") {
                position = i + 1
                return scratch.withUnsafeBufferPointer { utf8 in
                    (String(decoding: utf8, as: UTF8.self), fingerprinting ? Self.nameFingerprint(utf8) : 0)
                }
            }
        }
    }

    /// Skips string content that needs no unescaping: printable ASCII and well-formed UTF-8.
    ///
    /// - Parameter start: Where to begin.
    /// - Returns: The index of the next `"` or `\`, or the end of the input.
    /// - Throws: `.controlCharacterInString` or `.invalidUTF8` at the offending byte.
    @inline(__always)
    private func scanRun(from start: Int) throws(JSONParseError) -> Int {
        let end = bytes.count
        var i = ASCIIScan.skipPlain(in: bytes, from: start)
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return i }
            if byte < 0x20 { throw JSONParseError(.controlCharacterInString, at: i) }
            switch UTF8Validation.step(in: bytes, at: i) {  // byte ≥ 0x80
            case .valid(let length): i = ASCIIScan.skipPlain(in: bytes, from: i + length)
            case .invalid: throw JSONParseError(.invalidUTF8, at: i)
            }
        }
        return end
    }

    /// Unescapes the escape sequence at `start` (a backslash) into `scratch`.
    ///
    /// - Returns: The index just after the sequence.
    /// - Throws: `.invalidEscape`, `.invalidUnicodeEscape`, `.loneSurrogate` (offset of the
    ///   backslash), or `.unexpectedEndOfInput`.
    private mutating func appendEscape(at start: Int) throws(JSONParseError) -> Int {
        guard start + 1 < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: bytes.count) }
        let unescaped: UInt8
        switch bytes[start + 1] {
        case UInt8(ascii: "\""): unescaped = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): unescaped = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): unescaped = UInt8(ascii: "/")
        case UInt8(ascii: "b"): unescaped = 0x08
        case UInt8(ascii: "f"): unescaped = 0x0C
        case UInt8(ascii: "n"): unescaped = 0x0A
        case UInt8(ascii: "r"): unescaped = 0x0D
        case UInt8(ascii: "t"): unescaped = 0x09
        case UInt8(ascii: "u"): return try appendUnicodeEscape(at: start)
        default: throw JSONParseError(.invalidEscape, at: start)
        }
        scratch.append(unescaped)
        return start + 2
    }

    /// Unescapes `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair, at `start` into `scratch` as UTF-8.
    private mutating func appendUnicodeEscape(at start: Int) throws(JSONParseError) -> Int {
        let unit = try hex4(at: start + 2, escapeStart: start)
        var scalar = UInt32(unit)
        var end = start + 6
        switch unit {
        case 0xD800...0xDBFF:
            // Must be followed by `\u`; anything else (the closing quote, a letter) leaves it unpaired.
            guard end < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: bytes.count) }
            guard bytes[end] == UInt8(ascii: "\\") else { throw JSONParseError(.loneSurrogate, at: start) }
            guard end + 1 < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: bytes.count) }
            guard bytes[end + 1] == UInt8(ascii: "u") else { throw JSONParseError(.loneSurrogate, at: start) }
            let low = try hex4(at: end + 2, escapeStart: end)
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.loneSurrogate, at: start) }
            scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            end += 6
        case 0xDC00...0xDFFF:
            throw JSONParseError(.loneSurrogate, at: start)
        default:
            break
        }
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(0xC0 | UInt8(scalar >> 6))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(0xE0 | UInt8(scalar >> 12))
            scratch.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        default:
            scratch.append(0xF0 | UInt8(scalar >> 18))
            scratch.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            scratch.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        }
        return end
    }

    /// Reads four hex digits at `start`.
    ///
    /// - Throws: `.invalidUnicodeEscape` at `escapeStart`, or `.unexpectedEndOfInput`.
    @inline(__always)
    private func hex4(at start: Int, escapeStart: Int) throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for i in start..<start + 4 {
            guard i < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: bytes.count) }
            let byte = bytes[i]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(.invalidUnicodeEscape, at: escapeStart)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
