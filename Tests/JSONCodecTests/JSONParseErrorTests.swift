import JSONCodec
import Testing

@Suite("JSONParseError")
struct JSONParseErrorTests {
    @Test func messages() {
        #expect(parseError(utf8(#"{"a":1 x}"#))?.description == "unexpected character at byte 7")
        #expect(parseError(utf8("[1"))?.description == "unexpected end of input at byte 2")
        #expect(
            parseError(utf8(String(repeating: "[", count: 40)))?.description == "nesting deeper than 32 at byte 32"
        )
        #expect(parseError(utf8(#"{"name":1,"name":2}"#))?.description == #"duplicate key "name" at byte 10"#)
        #expect(parseError([0x22, 0x61, 0x62, 0xFF, 0x22])?.description == "invalid UTF-8 at byte 3")
    }

    @Test func longKeysAreTruncated() throws {
        let key = String(repeating: "k", count: 10_000)
        let error = try #require(parseError(utf8("{\"\(key)\":1,\"\(key)\":2}")))
        let shown = String(repeating: "k", count: JSONParseError.maxKeyLength) + "…"
        #expect(error.reason == .duplicateKey(shown))
        #expect(error.description.count < 100)
    }

    @Test func keysWithControlCharactersAreEscapedInMessages() {
        let error = parseError(utf8(#"{"a\nb\"":1,"a\nb\"":2}"#))
        #expect(error?.description == #"duplicate key "a\nb\"" at byte 12"#)
    }

    @Test func messagesNeverEchoTheInput() {
        let secret = String(repeating: "s3cr3t", count: 100)
        let documents = ["[\"\(secret)\" x]", "{\"\(secret)\" 1}", "\"\(secret)\u{1}\"", "[\(secret)]", "\"\(secret)"]
        for document in documents {
            let description = parseError(utf8(document))?.description ?? ""
            #expect(!description.contains("s3cr3t"), "\(description)")
        }
    }
}
