extension JSONScanner {
    /// Skips RFC 8259 whitespace: space, tab, line feed, carriage return.
    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                position += 1
            default:
                return
            }
        }
    }

    /// Reads a number starting at the cursor (`-` or a digit).
    ///
    /// - Throws: `.invalidNumber` at the number's first byte.
    mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        switch JSONNumberSyntax.scan(bytes, from: start) {
        case .valid(let end):
            position = end
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            return JSONNumber(uncheckedText: text)
        case .invalid:
            throw JSONParseError(.invalidNumber, at: start)
        }
    }

    /// Reads `true`, `false` or `null`, whose first byte is at the cursor.
    ///
    /// - Throws: `.invalidLiteral` at the literal's first byte, or `.unexpectedEndOfInput` if the
    ///   input stops partway through a correct prefix.
    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = position
        let count = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for k in 0..<count {
            guard start + k < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: bytes.count) }
            guard bytes[start + k] == expected[k] else { throw JSONParseError(.invalidLiteral, at: start) }
        }
        position = start + count
    }
}
