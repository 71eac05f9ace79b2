/// Reads a JSON document of a known shape token by token, without building a `JSONValue` tree: for hot
/// paths that decode the same small structure many times (say, a column of tags per row).
///
/// The caller drives the grammar: `expect("[")`, `string()`, `consume(",")`, … Strings are checked
/// and unescaped exactly as ``JSONParser`` does; whitespace between tokens is skipped.
///
/// ```swift
/// var reader = JSONTokenReader(bytes)   // #"["a", "b"]"#
/// try reader.expect("[")
/// var items: [String] = []
/// if try !reader.consume("]") {
///     repeat { items.append(try reader.string()) } while try reader.consume(",")
///     try reader.expect("]")
/// }
/// try reader.expectEnd()
/// ```
public struct JSONTokenReader {
    private var scanner: JSONScanner

    /// Creates a reader at the start of `bytes`, which must stay valid while the reader is used.
    /// - Parameter bytes: UTF-8 JSON text.
    public init(_ bytes: UnsafeRawBufferPointer) {
        // Reading bytes as UInt8 is valid whatever the memory is bound to.
        let typed = UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        scanner = JSONScanner(typed, maxDepth: 0)
    }

    /// Consumes the structural character `token` (one of `[ ] { } : ,`) if it comes next.
    /// - Returns: whether it came next.
    public mutating func consume(_ token: Unicode.Scalar) throws(JSONParseError) -> Bool {
        scanner.skipWhitespace()
        guard scanner.position < scanner.bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: scanner.position) }
        guard scanner.bytes[scanner.position] == UInt8(ascii: token) else { return false }
        scanner.position += 1
        return true
    }

    /// Consumes the structural character `token`, or throws `.unexpectedCharacter`.
    public mutating func expect(_ token: Unicode.Scalar) throws(JSONParseError) {
        guard try consume(token) else { throw JSONParseError(.unexpectedCharacter, at: scanner.position) }
    }

    /// Reads a string value (or member name), or throws when a string does not come next.
    public mutating func string() throws(JSONParseError) -> String {
        scanner.skipWhitespace()
        guard scanner.position < scanner.bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: scanner.position) }
        guard scanner.bytes[scanner.position] == UInt8(ascii: "\"") else {
            throw JSONParseError(.unexpectedCharacter, at: scanner.position)
        }
        return try scanner.parseString()
    }

    /// Checks that only whitespace is left.
    public mutating func expectEnd() throws(JSONParseError) {
        scanner.skipWhitespace()
        guard scanner.position == scanner.bytes.count else { throw JSONParseError(.trailingData, at: scanner.position) }
    }
}
