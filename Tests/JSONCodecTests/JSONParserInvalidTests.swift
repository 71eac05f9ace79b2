import JSONCodec
import Testing

@Suite("JSONParser: invalid documents")
struct JSONParserInvalidTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let reason: JSONParseError.Reason
        let offset: Int

        init(_ name: String, _ document: String, _ reason: JSONParseError.Reason, at offset: Int) {
            self.init(name, bytes: utf8(document), reason, at: offset)
        }

        init(_ name: String, bytes: [UInt8], _ reason: JSONParseError.Reason, at offset: Int) {
            self.name = name
            self.bytes = bytes
            self.reason = reason
            self.offset = offset
        }

        var testDescription: String { name }
    }

    static let q = UInt8(ascii: "\"")
    /// An object opening with 40 members, more than `JSONObject.indexThreshold`.
    static let largeObjectPrefix = "{" + (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")

    static let cases: [Case] = [
        // Structure.
        Case("empty input", "", .unexpectedEndOfInput, at: 0),
        Case("whitespace only", " \n ", .unexpectedEndOfInput, at: 3),
        Case("unclosed array", "[1", .unexpectedEndOfInput, at: 2),
        Case("unclosed array after comma", "[1,", .unexpectedEndOfInput, at: 3),
        Case("unclosed object", "{", .unexpectedEndOfInput, at: 1),
        Case("object missing colon at end", #"{"a""#, .unexpectedEndOfInput, at: 4),
        Case("object missing value at end", #"{"a":"#, .unexpectedEndOfInput, at: 5),
        Case("two values", "1 2", .trailingData, at: 2),
        Case("extra closing brace", "{}}", .trailingData, at: 2),
        Case("comment after value", "[1]/* c */", .trailingData, at: 3),
        Case("line comment", "// c\n1", .unexpectedCharacter, at: 0),
        Case("trailing comma in array", "[1,]", .trailingComma, at: 3),
        Case("trailing comma in array with spaces", "[1 , ]", .trailingComma, at: 5),
        Case("trailing comma in object", #"{"a":1,}"#, .trailingComma, at: 7),
        Case("leading comma in array", "[,1]", .unexpectedCharacter, at: 1),
        Case("double comma in array", "[1,,2]", .unexpectedCharacter, at: 3),
        Case("empty object with comma", "{,}", .unexpectedCharacter, at: 1),
        Case("double comma in object", #"{"a":1,,"b":2}"#, .unexpectedCharacter, at: 7),
        Case("missing comma in array", "[1 2]", .unexpectedCharacter, at: 3),
        Case("missing comma in object", #"{"a":1 "b":2}"#, .unexpectedCharacter, at: 7),
        Case("missing colon", #"{"a" 1}"#, .unexpectedCharacter, at: 5),
        Case("missing value", #"{"a":}"#, .unexpectedCharacter, at: 5),
        Case("unquoted key", "{a:1}", .unexpectedCharacter, at: 1),
        Case("number as key", "{1:1}", .unexpectedCharacter, at: 1),
        Case("single-quoted key", "{'a':1}", .unexpectedCharacter, at: 1),
        Case("single-quoted string", "['a']", .unexpectedCharacter, at: 1),
        Case("mismatched bracket", "[1}", .unexpectedCharacter, at: 2),
        Case("mismatched brace", #"{"a":1]"#, .unexpectedCharacter, at: 6),
        Case("lone closing bracket", "]", .unexpectedCharacter, at: 0),
        Case("vertical tab is not whitespace", "\u{0B}1", .unexpectedCharacter, at: 0),
        Case("form feed is not whitespace", "1\u{0C}", .trailingData, at: 1),
        Case("no-break space is not whitespace", "\u{A0}1", .unexpectedCharacter, at: 0),
        Case("byte order mark", "\u{FEFF}1", .unexpectedCharacter, at: 0),
        Case("non-ASCII outside strings", "[é]", .unexpectedCharacter, at: 1),
        // Literals.
        Case("NaN", "NaN", .unexpectedCharacter, at: 0),
        Case("Infinity", "Infinity", .unexpectedCharacter, at: 0),
        Case("-Infinity", "-Infinity", .invalidNumber, at: 0),
        Case("capitalised True", "True", .unexpectedCharacter, at: 0),
        Case("misspelt null", "nulL", .invalidLiteral, at: 0),
        Case("misspelt false in array", "[fals]", .invalidLiteral, at: 1),
        Case("truncated null", "nul", .unexpectedEndOfInput, at: 3),
        Case("literal with suffix", "truex", .trailingData, at: 4),
        Case("undefined", "undefined", .unexpectedCharacter, at: 0),
        // Numbers.
        Case("leading zero", "01", .invalidNumber, at: 0),
        Case("negative leading zero", "[-012]", .invalidNumber, at: 1),
        Case("leading zeros", "00", .invalidNumber, at: 0),
        Case("plus sign", "+1", .unexpectedCharacter, at: 0),
        Case("lone minus", "-", .invalidNumber, at: 0),
        Case("minus space digit", "- 1", .invalidNumber, at: 0),
        Case("leading dot", ".5", .unexpectedCharacter, at: 0),
        Case("trailing dot", "1.", .invalidNumber, at: 0),
        Case("dot before exponent", "1.e5", .invalidNumber, at: 0),
        Case("empty exponent", "1e", .invalidNumber, at: 0),
        Case("signed empty exponent", "[1E+]", .invalidNumber, at: 1),
        Case("hex", "0x10", .trailingData, at: 1),
        Case("double minus", "--1", .invalidNumber, at: 0),
        // Strings.
        Case("unterminated string", "\"abc", .unexpectedEndOfInput, at: 4),
        Case("unterminated after escape", "\"abc\\", .unexpectedEndOfInput, at: 5),
        Case("raw tab", "\"a\tb\"", .controlCharacterInString, at: 2),
        Case("raw newline", "[\"a\nb\"]", .controlCharacterInString, at: 3),
        Case("raw NUL", "\"\u{0}\"", .controlCharacterInString, at: 1),
        Case(
            "raw 0x1F late in a long string",
            "\"" + String(repeating: "x", count: 37) + "\u{1F}\"",
            .controlCharacterInString,
            at: 38
        ),
        Case("unknown escape", #""\x""#, .invalidEscape, at: 1),
        Case("escaped single quote", #""\'""#, .invalidEscape, at: 1),
        Case("escaped NUL", "\"\\\u{0}\"", .invalidEscape, at: 1),
        Case("bad hex digit", #""ab\u12G4""#, .invalidUnicodeEscape, at: 3),
        Case("short unicode escape", #""\u12""#, .invalidUnicodeEscape, at: 1),
        Case("truncated unicode escape", #""\u12"#, .unexpectedEndOfInput, at: 5),
        Case("lone high surrogate", #""\uD800""#, .loneSurrogate, at: 1),
        Case("lone low surrogate", #""\uDC00""#, .loneSurrogate, at: 1),
        Case("high surrogate then letter", #""\uD800A""#, .loneSurrogate, at: 1),
        Case("high surrogate then BMP escape", #""\uD800\u0041""#, .loneSurrogate, at: 1),
        Case("high surrogate then other escape", #""\uD800\n""#, .loneSurrogate, at: 1),
        Case("two high surrogates", #""\uD83D\uD83D""#, .loneSurrogate, at: 1),
        Case("reversed pair", #""\uDE00\uD83D""#, .loneSurrogate, at: 1),
        Case("high surrogate then bad hex", #""\uD83D\uZZZZ""#, .invalidUnicodeEscape, at: 7),
        // UTF-8.
        Case("overlong slash", bytes: [q, 0xC0, 0xAF, q], .invalidUTF8, at: 1),
        Case("overlong C1", bytes: [q, 0xC1, 0xBF, q], .invalidUTF8, at: 1),
        Case("overlong 3-byte", bytes: [q, 0xE0, 0x80, 0xAF, q], .invalidUTF8, at: 1),
        Case("overlong 4-byte", bytes: [q, 0xF0, 0x80, 0x80, 0xAF, q], .invalidUTF8, at: 1),
        Case("encoded high surrogate", bytes: [q, 0xED, 0xA0, 0x80, q], .invalidUTF8, at: 1),
        Case("encoded low surrogate", bytes: [q, 0x61, 0xED, 0xBF, 0xBF, q], .invalidUTF8, at: 2),
        Case("above U+10FFFF", bytes: [q, 0xF4, 0x90, 0x80, 0x80, q], .invalidUTF8, at: 1),
        Case("lead byte F5", bytes: [q, 0xF5, 0x80, 0x80, 0x80, q], .invalidUTF8, at: 1),
        Case("byte FF", bytes: [q, 0xFF, q], .invalidUTF8, at: 1),
        Case("stray continuation", bytes: [q, 0x80, q], .invalidUTF8, at: 1),
        Case("truncated 3-byte", bytes: [q, 0x61, 0xE2, 0x82, q], .invalidUTF8, at: 2),
        Case("truncated at end", bytes: [q, 0xF0, 0x9F, 0x98], .invalidUTF8, at: 1),
        Case("invalid UTF-8 in key", bytes: utf8("{\"") + [0xC3, 0x28] + utf8("\":1}"), .invalidUTF8, at: 2),
        Case("invalid UTF-8 after escape", bytes: utf8(#""\n"#) + [0xFE, q], .invalidUTF8, at: 3),
        // Duplicate keys.
        Case("duplicate key", #"{"a":1,"a":2}"#, .duplicateKey("a"), at: 7),
        Case("duplicate key with other value type", #"{"a":1,"b":2,"a":null}"#, .duplicateKey("a"), at: 13),
        Case("duplicate key via escape", #"{"a":1,"\u0061":2}"#, .duplicateKey("a"), at: 7),
        Case("duplicate key in nested object", #"[{"x":{"k":1,"k":2}}]"#, .duplicateKey("k"), at: 13),
        Case(
            "duplicate key in a large object",
            largeObjectPrefix + #","k3":0}"#,
            .duplicateKey("k3"),
            at: largeObjectPrefix.utf8.count + 1
        ),
        // Depth.
        Case(
            "depth 33 by default",
            String(repeating: "[", count: 33) + String(repeating: "]", count: 33),
            .nestingTooDeep(maxDepth: 32),
            at: 32
        ),
        Case(
            "empty object at depth 33",
            String(repeating: "[", count: 32) + "{}" + String(repeating: "]", count: 32),
            .nestingTooDeep(maxDepth: 32),
            at: 32
        ),
    ]

    @Test(arguments: cases)
    func rejects(_ testCase: Case) {
        let error = parseError(testCase.bytes)
        #expect(error?.reason == testCase.reason)
        #expect(error?.offset == testCase.offset)
    }

    @Test func sameKeysInSiblingObjectsAreFine() throws {
        let value = try JSONParser.parse(#"[{"a":1},{"a":2},{"a":{"a":3}}]"#)
        #expect(value.arrayValue?.count == 3)
    }

    @Test func canonicallyEquivalentKeysAreDuplicates() {
        // "é" precomposed and decomposed compare equal as Swift strings, so lookups could not tell them apart.
        let error = parseError(utf8("{\"\u{E9}\":1,\"e\u{301}\":2}"))
        #expect(error?.reason == .duplicateKey("e\u{301}"))
    }
}
