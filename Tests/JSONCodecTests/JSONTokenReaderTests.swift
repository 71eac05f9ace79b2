import JSONCodec
import Testing

/// `JSONTokenReader`: a caller-driven reader for JSON of a known shape.
struct JSONTokenReaderTests {
    /// Reads `["a", …]` with the reader, as its documentation shows.
    static func strings(_ text: String) throws -> [String] { try strings(bytes: Array(text.utf8)) }

    static func strings(bytes: [UInt8]) throws -> [String] {
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        defer { raw.deallocate() }
        raw.copyBytes(from: bytes)
        var reader = JSONTokenReader(UnsafeRawBufferPointer(raw))
        try reader.expect("[")
        var items: [String] = []
        if try !reader.consume("]") {
            repeat { items.append(try reader.string()) } while try reader.consume(",")
            try reader.expect("]")
        }
        try reader.expectEnd()
        return items
    }

    @Test func readsStringsWithEscapesAndWhitespace() throws {
        #expect(try Self.strings(#" [ "a" ,"b\"c\\d\u00e9\ud83d\ude00" , "" ] "#) == ["a", "b\"c\\dé😀", ""])
        #expect(try Self.strings("[]") == [])
        #expect(try Self.strings(" [\n] ") == [])
    }

    @Test(arguments: [
        "", "[", "[\"a\"", "[\"a\",]", "[\"a\"] x", "[1]", "[\"a\" \"b\"]", "[\"\u{01}\"]", "[\"\\x\"]",
        "[\"\\ud800\"]", "{\"a\": 1}", "[\"unterminated]",
    ])
    func refusesWhatIsNotThatShape(_ text: String) {
        #expect(throws: JSONParseError.self) { try Self.strings(text) }
    }

    @Test func refusesInvalidUTF8() {
        let bytes: [UInt8] = [UInt8(ascii: "["), UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\""), UInt8(ascii: "]")]
        #expect(throws: JSONParseError.self) { try Self.strings(bytes: bytes) }
    }
}
