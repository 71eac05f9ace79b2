import JSONCodec
import Testing

@Suite("JSONWriter: escaping")
struct JSONWriterEscapingTests {
    static func written(_ value: String) -> String {
        var writer = JSONWriter()
        writer.string(value)
        return text(writer.bytes)
    }

    static func written(raw bytes: [UInt8]) -> String {
        var writer = JSONWriter()
        bytes.withUnsafeBytes { writer.string(bytes: $0) }
        return text(writer.bytes)
    }

    @Test(arguments: [
        ("", #""""#),
        ("plain text", #""plain text""#),
        ("a\"b", #""a\"b""#),
        ("back\\slash", #""back\\slash""#),
        ("\n\r\t\u{8}\u{C}", #""\n\r\t\b\f""#),
        ("\u{0}\u{1}\u{B}\u{1F}", #""\u0000\u0001\u000b\u001f""#),
        ("\u{7F} / '", "\"\u{7F} / '\""),
        ("é€😀𝄞", "\"é€😀𝄞\""),
        ("a\u{2028}b\u{2029}c", #""a\u2028b\u2029c""#),
        ("\u{2027}\u{202A}", "\"\u{2027}\u{202A}\""),
        ("</script>", #""</script>""#),
    ])
    func escapes(_ input: String, _ expected: String) throws {
        #expect(Self.written(input) == expected)
        #expect(try JSONParser.parse(expected) == .string(input))
    }

    @Test func specialCharacterAtEveryPositionOfAWord() throws {
        // The fast path looks at eight bytes at a time; put the special byte at each offset.
        for special in ["\"", "\\", "\n", "\u{1}", "é", "\u{2028}"] {
            for position in 0..<20 {
                let input =
                    String(repeating: "a", count: position) + special + String(repeating: "b", count: 19 - position)
                let output = Self.written(input)
                #expect(try JSONParser.parse(output) == .string(input), "\(position)")
            }
        }
    }

    @Test func keysAreEscapedToo() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("quote\"key")
        writer.int(1)
        writer.key(String("new\nline"))
        writer.int(2)
        writer.endObject()
        #expect(text(writer.bytes) == #"{"quote\"key":1,"new\nline":2}"#)
    }

    @Test(
        arguments: [
            ([0x61, 0xFF, 0x62], "a\u{FFFD}b"),
            ([0xE2, 0x82], "\u{FFFD}"),
            ([0xC0, 0xAF], "\u{FFFD}\u{FFFD}"),
            ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ([0xF0, 0x9F, 0x98], "\u{FFFD}"),
            ([0xF0, 0x9F, 0x98, 0x80], "😀"),
            ([0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
            ([0x22, 0x0A, 0xE2, 0x80, 0xA8], "\"\n\u{2028}"),
        ] as [([UInt8], String)]
    )
    func rawBytesAreRepaired(_ input: [UInt8], _ expected: String) throws {
        let output = Self.written(raw: input)
        #expect(try JSONParser.parse(output) == .string(expected))
        #expect(expected == String(decoding: input, as: UTF8.self))
    }

    @Test func rawBytesRepairMatchesTheStandardLibrary() throws {
        // Random bytes, biased towards UTF-8 lead and continuation bytes.
        var generator = SplitMix64(seed: 2028)
        let palette: [UInt8] = [
            0x00, 0x0A, 0x22, 0x5C, 0x41, 0x7F, 0x80, 0xA8, 0xBF, 0xC2, 0xDF, 0xE0, 0xE2, 0xED, 0xF0, 0xF4, 0xF5, 0xFF,
        ]
        for _ in 0..<2_000 {
            let count = Int(generator.next() % 24)
            let input = (0..<count).map { _ in
                generator.next() % 3 == 0
                    ? UInt8(truncatingIfNeeded: generator.next()) : palette.randomElement(using: &generator)!
            }
            let output = Self.written(raw: input)
            #expect(try JSONParser.parse(output) == .string(String(decoding: input, as: UTF8.self)))
        }
    }

    @Test func bigStrings() throws {
        let input = String(repeating: "text with \"quotes\", \\ and\ttabs\n é😀 \u{2028}", count: 25_000)
        let output = Self.written(input)
        #expect(try JSONParser.parse(output) == .string(input))

        let ascii = String(repeating: "x", count: 1 << 20)
        #expect(Self.written(ascii).utf8.count == (1 << 20) + 2)
    }
}
