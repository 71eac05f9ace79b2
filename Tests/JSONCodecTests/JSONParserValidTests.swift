import JSONCodec
import Testing

@Suite("JSONParser: valid documents")
struct JSONParserValidTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let document: String
        let expected: JSONValue
        var testDescription: String { document.count > 40 ? String(document.prefix(40)) + "…" : document }
    }

    static let cases: [Case] = [
        // Scalars at top level.
        Case(document: "null", expected: .null),
        Case(document: "true", expected: true),
        Case(document: "false", expected: false),
        Case(document: "0", expected: 0),
        Case(document: "-0", expected: .number(JSONNumber(literal: "-0")!)),
        Case(document: "42", expected: 42),
        Case(document: "-17", expected: -17),
        Case(document: "3.25", expected: 3.25),
        Case(document: "-0.5e-3", expected: .number(JSONNumber(literal: "-0.5e-3")!)),
        Case(document: "1E+2", expected: .number(JSONNumber(literal: "1E+2")!)),
        Case(document: "\"\"", expected: ""),
        Case(document: "\"hello\"", expected: "hello"),
        // Whitespace: the four RFC 8259 characters only, anywhere between tokens.
        Case(document: " \t\r\n 1 \t\r\n ", expected: 1),
        Case(document: "[ 1 , 2 ]", expected: [1, 2]),
        Case(document: "{ \"a\" : 1 , \"b\" : [ ] }", expected: ["a": 1, "b": []]),
        // Containers.
        Case(document: "[]", expected: []),
        Case(document: "{}", expected: .object(JSONObject())),
        Case(document: "[[]]", expected: [[]]),
        Case(document: "[{}]", expected: [.object(JSONObject())]),
        Case(
            document: "[1,\"a\",true,false,null,[],{}]",
            expected: [1, "a", true, false, .null, [], .object(JSONObject())]
        ),
        Case(
            document: #"{"name":"job","retries":3,"tags":[{"key":"k","value":"v"}],"paused":false,"owner":null}"#,
            expected: [
                "name": "job", "retries": 3, "tags": [["key": "k", "value": "v"]], "paused": false, "owner": .null,
            ]
        ),
        // Escapes.
        Case(document: #""\"\\\/\b\f\n\r\t""#, expected: "\"\\/\u{8}\u{C}\n\r\t"),
        Case(document: #""\u0041\u00e9\u20AC""#, expected: "Aé€"),
        Case(document: #""\u0000""#, expected: "\u{0}"),
        Case(document: #""\uD83D\uDE00""#, expected: "😀"),
        Case(document: #""\ud834\udd1e""#, expected: "𝄞"),
        Case(document: #""a\nb\u2028c""#, expected: "a\nb\u{2028}c"),
        // Raw UTF-8 and characters JSON allows unescaped.
        Case(document: "\"é€😀𝄞\"", expected: "é€😀𝄞"),
        Case(document: "\"\u{7F}/'\"", expected: "\u{7F}/'"),
        Case(document: "\"\u{FFFF}\u{10FFFF}\"", expected: "\u{FFFF}\u{10FFFF}"),
        // Keys that differ only by escape are still distinct from different keys.
        Case(document: #"{"a":1,"A":2,"a ":3}"#, expected: ["a": 1, "A": 2, "a ": 3]),
        Case(document: #"{"":0}"#, expected: ["": 0]),
    ]

    @Test(arguments: cases)
    func parses(_ testCase: Case) throws {
        #expect(try JSONParser.parse(testCase.document) == testCase.expected)
        #expect(try JSONParser.parse(utf8(testCase.document)) == testCase.expected)
    }

    @Test func allInputFormsAgree() throws {
        let document = #"{"a":[1,2,{"b":"c"}]}"#
        let bytes = utf8(document)
        let expected = try JSONParser.parse(document)
        #expect(try bytes.withUnsafeBytes { try JSONParser.parse($0) } == expected)
        #expect(try JSONParser.parse(bytes[...]) == expected)
        #expect(try JSONParser.parse(document.utf8) == expected)
        // A slice keeps offsets relative to its own start.
        let padded = utf8("xx[1,]")
        #expect(throws: JSONParseError(.trailingComma, at: 3)) { try JSONParser.parse(padded[2...]) }
    }

    @Test func memberOrderIsKept() throws {
        let object = try #require(JSONParser.parse(#"{"z":1,"a":2,"m":3}"#).objectValue)
        #expect(Array(object.keys) == ["z", "a", "m"])
    }

    @Test func largeObjectLooksUpEveryMember() throws {
        let names = (0..<100).map { "key\($0)" }
        let document = "{" + names.enumerated().map { "\"\($1)\":\($0)" }.joined(separator: ",") + "}"
        let object = try #require(JSONParser.parse(document).objectValue)
        #expect(object.count == 100)
        for (i, name) in names.enumerated() {
            #expect(object[name]?.int64Value == Int64(i))
        }
        #expect(object["missing"] == nil)
    }

    @Test func bigStrings() throws {
        let ascii = String(repeating: "abcdefghij", count: 100_000)
        #expect(try JSONParser.parse("\"\(ascii)\"") == .string(ascii))

        let mixed = String(repeating: "é😀 plain text \u{2028}", count: 20_000)
        #expect(try JSONParser.parse("\"\(mixed)\"") == .string(mixed))

        let escaped = String(repeating: #"line\n\"quoted\"\u00e9\ud83d\ude00"#, count: 20_000)
        let expected = String(repeating: "line\n\"quoted\"é😀", count: 20_000)
        #expect(try JSONParser.parse("\"\(escaped)\"") == .string(expected))
    }

    @Test func bigArray() throws {
        let document = "[" + (0..<100_000).map(String.init).joined(separator: ",") + "]"
        let array = try #require(JSONParser.parse(document).arrayValue)
        #expect(array.count == 100_000)
        #expect(array[99_999].int64Value == 99_999)
    }
}
