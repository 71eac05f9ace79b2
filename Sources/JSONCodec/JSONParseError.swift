/// Why a document was rejected, and where.
///
/// ``description`` is short and safe to show to a client: it names the byte offset and never
/// echoes more of the input than a duplicate key, truncated to ``maxKeyLength`` characters with
/// control characters escaped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule a document broke.
    public enum Reason: Sendable, Equatable {
        /// The input ended in the middle of a value (or was empty).
        case unexpectedEndOfInput
        /// A byte that cannot start or continue a value here (for example `'`, `/`, `NaN`, `+1`).
        case unexpectedCharacter
        /// A complete value is followed by something other than whitespace.
        case trailingData
        /// A `,` directly before `]` or `}`.
        case trailingComma
        /// A `t`, `f` or `n` that does not spell `true`, `false` or `null`.
        case invalidLiteral
        /// A number that breaks the grammar: a lone `-`, a leading zero, `1.`, `1e`.
        case invalidNumber
        /// A raw control character (below U+0020) inside a string.
        case controlCharacterInString
        /// A backslash followed by something other than `"\/bfnrtu`.
        case invalidEscape
        /// `\u` not followed by four hex digits.
        case invalidUnicodeEscape
        /// A `\uD800`–`\uDBFF` escape not followed by a `\uDC00`–`\uDFFF` one, or the reverse.
        case loneSurrogate
        /// Bytes that are not well-formed UTF-8 (overlong forms, encoded surrogates, above U+10FFFF,
        /// stray continuation bytes, truncated sequences).
        case invalidUTF8
        /// Containers nested deeper than the limit carried here.
        case nestingTooDeep(maxDepth: Int)
        /// An object repeats a member name; carries the name, truncated to ``maxKeyLength`` characters.
        case duplicateKey(String)
    }

    /// Longest duplicate key, in characters, kept in ``Reason/duplicateKey(_:)``.
    public static let maxKeyLength = 64

    /// Zero-based byte offset into the input where the problem was found.
    public let offset: Int

    /// The rule that was broken.
    public let reason: Reason

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - reason: The rule that was broken.
    ///   - offset: Zero-based byte offset into the input.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// A short message such as `unexpected character at byte 17` or
    /// `duplicate key "name" at byte 20`.
    public var description: String {
        "\(reason.message) at byte \(offset)"
    }
}

extension JSONParseError.Reason {
    /// The message without the position.
    public var message: String {
        switch self {
        case .unexpectedEndOfInput: return "unexpected end of input"
        case .unexpectedCharacter: return "unexpected character"
        case .trailingData: return "unexpected data after the JSON value"
        case .trailingComma: return "trailing comma"
        case .invalidLiteral: return "invalid literal"
        case .invalidNumber: return "invalid number"
        case .controlCharacterInString: return "control character in string"
        case .invalidEscape: return "invalid escape sequence"
        case .invalidUnicodeEscape: return "invalid \\u escape"
        case .loneSurrogate: return "unpaired UTF-16 surrogate in \\u escape"
        case .invalidUTF8: return "invalid UTF-8"
        case .nestingTooDeep(let maxDepth): return "nesting deeper than \(maxDepth)"
        case .duplicateKey(let key): return "duplicate key \(Self.quoted(key))"
        }
    }

    /// Builds ``duplicateKey(_:)``, truncating `key` to ``JSONParseError/maxKeyLength`` characters.
    static func duplicate(_ key: String) -> Self {
        guard key.utf8.count > JSONParseError.maxKeyLength, key.count > JSONParseError.maxKeyLength else {
            return .duplicateKey(key)
        }
        return .duplicateKey(String(key.prefix(JSONParseError.maxKeyLength)) + "…")
    }

    /// `key` as a JSON string literal, so quotes and control characters cannot garble a log line.
    private static func quoted(_ key: String) -> String {
        var writer = JSONWriter(capacity: key.utf8.count + 8)
        writer.string(key)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
