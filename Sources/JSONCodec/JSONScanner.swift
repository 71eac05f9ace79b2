/// The parser's state: a cursor over the input plus an explicit stack of open containers.
///
/// Elements of all open arrays wait on one shared `elements` stack, and members of all open
/// objects on one `members` stack; closing a container moves its slice into a fresh array, so
/// each array or object allocates once, at its final size.
struct JSONScanner {
    /// One open array or object.
    struct Frame {
        /// Whether this is an object (else an array).
        let isObject: Bool
        /// Where this container's entries start in `members` (objects) or `elements` (arrays).
        let start: Int
        /// Name → member position, built once an object outgrows a linear duplicate check.
        var index: [String: Int]?
    }

    /// The input.
    let bytes: UnsafeBufferPointer<UInt8>
    /// How many containers may be open at once.
    let maxDepth: Int
    /// The next byte to read.
    var position = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []
    /// Open containers, innermost last.
    var frames: [Frame] = []
    /// Elements of the open arrays.
    var elements: [JSONValue] = []
    /// Members of the open objects; a member's value is `.null` until it has been read.
    var members: [JSONObject.Element] = []
    /// A cheap fingerprint of each name in `members`, to skip most string comparisons.
    var fingerprints: [UInt64] = []

    /// Creates a scanner at the start of `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses the whole input as one value.
    ///
    /// - Throws: ``JSONParseError`` for the first rule broken.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        var afterComma = false
        parsing: while true {
            // Read one value, or open a container and go round again for its first entry.
            skipWhitespace()
            guard position < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: position) }
            var value: JSONValue
            switch bytes[position] {
            case UInt8(ascii: "{"):
                try checkDepth()
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    value = .object(JSONObject())
                } else {
                    frames.append(Frame(isObject: true, start: members.count))
                    try parseMemberName()
                    afterComma = false
                    continue parsing
                }
            case UInt8(ascii: "["):
                try checkDepth()
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    value = .array([])
                } else {
                    frames.append(Frame(isObject: false, start: elements.count))
                    afterComma = false
                    continue parsing
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "]") where afterComma:
                throw JSONParseError(.trailingComma, at: position)
            default:
                throw JSONParseError(.unexpectedCharacter, at: position)
            }

            // Hand the value to its container; close every container that ends here.
            while true {
                guard let frame = frames.last else {
                    skipWhitespace()
                    guard position == bytes.count else { throw JSONParseError(.trailingData, at: position) }
                    return value
                }
                if frame.isObject {
                    members[members.count - 1].value = value
                } else {
                    elements.append(value)
                }
                skipWhitespace()
                guard position < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: position) }
                let byte = bytes[position]
                if byte == UInt8(ascii: ",") {
                    position += 1
                    if frame.isObject {
                        skipWhitespace()
                        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                            throw JSONParseError(.trailingComma, at: position)
                        }
                        try parseMemberName()
                    }
                    afterComma = !frame.isObject  // a `]` next would be a trailing comma
                    continue parsing
                }
                guard byte == (frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw JSONParseError(.unexpectedCharacter, at: position)
                }
                position += 1
                value = closeContainer()
            }
        }
    }

    /// Throws if opening one more container would exceed `maxDepth`.
    @inline(__always)
    private func checkDepth() throws(JSONParseError) {
        guard frames.count < maxDepth else {
            throw JSONParseError(.nestingTooDeep(maxDepth: maxDepth), at: position)
        }
    }
}
