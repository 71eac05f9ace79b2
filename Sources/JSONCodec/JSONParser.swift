/// A strict RFC 8259 parser: one value of any type, optional surrounding whitespace, nothing else.
///
/// Beyond the grammar it rejects ill-formed UTF-8 (also inside strings), unpaired surrogate
/// escapes, duplicate member names, and nesting deeper than `maxDepth`. Nesting is tracked on an
/// explicit stack, so hostile input such as a megabyte of `[` fails fast without deep recursion.
///
/// ```swift
/// let body = try JSONParser.parse(requestBytes)
/// let name = body["name"]?.stringValue
/// ```
public enum JSONParser {
    /// The default nesting limit: enough for any REST body, small enough to bound work.
    public static let defaultMaxDepth = 32

    /// Parses a complete JSON document.
    ///
    /// - Parameters:
    ///   - bytes: The document as UTF-8; it is only read during the call.
    ///   - maxDepth: How many arrays and objects may be open at once; `[[1]]` needs 2. A scalar
    ///     document needs 0.
    /// - Returns: The document's value.
    /// - Throws: ``JSONParseError`` with the first problem's byte offset and reason.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer,
        maxDepth: Int = defaultMaxDepth
    ) throws(JSONParseError) -> JSONValue {
        // Reading bytes as UInt8 is valid whatever the memory is bound to.
        let typed = UnsafeBufferPointer(
            start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
            count: bytes.count
        )
        var scanner = JSONScanner(typed, maxDepth: maxDepth)
        return try scanner.parseDocument()
    }

    /// Parses a complete JSON document.
    ///
    /// - Parameters:
    ///   - bytes: The document as UTF-8.
    ///   - maxDepth: How many arrays and objects may be open at once; `[[1]]` needs 2.
    /// - Returns: The document's value.
    /// - Throws: ``JSONParseError`` with the first problem's byte offset and reason.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer, maxDepth: maxDepth)
            return Result { () throws(JSONParseError) in try scanner.parseDocument() }
        }.get()
    }

    /// Parses a complete JSON document held in a string (mostly for tests and configuration).
    ///
    /// - Parameters:
    ///   - text: The document.
    ///   - maxDepth: How many arrays and objects may be open at once; `[[1]]` needs 2.
    /// - Returns: The document's value.
    /// - Throws: ``JSONParseError`` with the first problem's UTF-8 byte offset and reason.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in
            var scanner = JSONScanner(buffer, maxDepth: maxDepth)
            return Result { () throws(JSONParseError) in try scanner.parseDocument() }
        }.get()
    }

    /// Parses a complete JSON document from any collection of bytes (copied first unless the
    /// collection is contiguous, as `ArraySlice<UInt8>` is).
    ///
    /// - Parameters:
    ///   - bytes: The document as UTF-8.
    ///   - maxDepth: How many arrays and objects may be open at once; `[[1]]` needs 2.
    /// - Returns: The document's value.
    /// - Throws: ``JSONParseError`` with the first problem's byte offset (from the start of
    ///   `bytes`) and reason.
    public static func parse(
        _ bytes: some Collection<UInt8>,
        maxDepth: Int = defaultMaxDepth
    ) throws(JSONParseError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            var scanner = JSONScanner(buffer, maxDepth: maxDepth)
            return Result { () throws(JSONParseError) in try scanner.parseDocument() }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes), maxDepth: maxDepth)
    }
}
