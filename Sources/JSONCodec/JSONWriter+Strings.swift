extension JSONWriter {
    /// Writes a string, escaped.
    ///
    /// Escapes `"` and `\`, writes `\n \r \t \b \f` for those controls and `\u00XX` for other
    /// bytes below 0x20, and escapes U+2028 and U+2029 (line terminators in JavaScript); all other
    /// characters pass through as UTF-8.
    ///
    /// - Parameter value: The string.
    public mutating func string(_ value: String) {
        willWriteValue()
        appendQuoted(value)
    }

    /// Writes raw UTF-8 bytes (say, from a C library) as a string, escaped like ``string(_:)``;
    /// ill-formed UTF-8 is replaced by U+FFFD, one per maximal ill-formed subsequence.
    ///
    /// - Parameter bytes: The UTF-8 bytes; only read during the call.
    public mutating func string(bytes raw: UnsafeRawBufferPointer) {
        willWriteValue()
        // Reading bytes as UInt8 is valid whatever the memory is bound to.
        let typed = UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count)
        appendQuoted(typed, repairing: true)
    }

    /// Appends `value` quoted and escaped.
    @inline(__always)
    mutating func appendQuoted(_ value: String) {
        var value = value
        value.withUTF8 { appendQuoted($0, repairing: false) }
    }

    /// Appends `text` quoted and escaped, copying runs of plain bytes in one go.
    ///
    /// - Parameters:
    ///   - text: UTF-8 bytes.
    ///   - repairing: Whether to replace ill-formed UTF-8 with U+FFFD; `false` when the bytes
    ///     come from a `String`, which is always well-formed.
    mutating func appendQuoted(_ text: UnsafeBufferPointer<UInt8>, repairing: Bool) {
        output.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = ASCIIScan.skipPlain(in: text, from: 0)
        while i < text.count {
            let byte = text[i]
            if byte >= 0x80 {
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                if byte == 0xE2, i + 2 < text.count, text[i + 1] == 0x80, text[i + 2] & 0xFE == 0xA8 {
                    output.append(UnsafeBufferPointer(rebasing: text[runStart..<i]))
                    appendASCII(text[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    i += 3
                    runStart = i
                } else if repairing {
                    switch UTF8Validation.step(in: text, at: i) {
                    case .valid(let length):
                        i += length
                    case .invalid(let length):
                        output.append(UnsafeBufferPointer(rebasing: text[runStart..<i]))
                        output.append(0xEF)
                        output.append(0xBF)
                        output.append(0xBD)  // U+FFFD
                        i += length
                        runStart = i
                    }
                } else {
                    i += 1
                }
            } else {
                output.append(UnsafeBufferPointer(rebasing: text[runStart..<i]))
                appendEscape(byte)
                i += 1
                runStart = i
            }
            i = ASCIIScan.skipPlain(in: text, from: i)
        }
        output.append(UnsafeBufferPointer(rebasing: text[runStart..<i]))
        output.append(UInt8(ascii: "\""))
    }

    /// Appends the escape for `"`, `\` or a byte below 0x20.
    @inline(__always)
    private mutating func appendEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): appendASCII("\\\"")
        case UInt8(ascii: "\\"): appendASCII("\\\\")
        case 0x0A: appendASCII("\\n")
        case 0x0D: appendASCII("\\r")
        case 0x09: appendASCII("\\t")
        case 0x08: appendASCII("\\b")
        case 0x0C: appendASCII("\\f")
        default:
            let hex: StaticString = "0123456789abcdef"
            appendASCII("\\u00")
            output.append(hex.utf8Start[Int(byte >> 4)])
            output.append(hex.utf8Start[Int(byte & 0x0F)])
        }
    }
}
