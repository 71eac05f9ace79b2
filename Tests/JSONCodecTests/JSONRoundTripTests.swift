import JSONCodec
import Testing

@Suite("Round trips and fuzzing")
struct JSONRoundTripTests {
    @Test func parseOfSerializedEqualsValue() throws {
        var random = RandomJSON(seed: 0x5EED)
        for _ in 0..<500 {
            let value = random.value()
            let bytes = value.serialized()
            let parsed = try JSONParser.parse(bytes)
            #expect(parsed == value)
            // Members keep their order, so the bytes are stable too.
            #expect(parsed.serialized() == bytes)
        }
    }

    @Test func stringContentIsAcceptedExactlyWhenWellFormed() {
        // Oracle: with no quote, backslash or control byte inside, a string parses iff it is valid UTF-8.
        var generator = SplitMix64(seed: 8259)
        let palette: [UInt8] = [
            0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5,
            0xFF,
        ]
        for _ in 0..<5_000 {
            let content = (0..<Int(generator.next() % 10)).map { _ in palette.randomElement(using: &generator)! }
            let document = [0x22] + content + [0x22]
            let expected = String(validating: content, as: UTF8.self)
            switch Result(catching: { () throws(JSONParseError) in try JSONParser.parse(document) }) {
            case .success(let value):
                #expect(value == expected.map(JSONValue.string), "\(content)")
            case .failure(let error):
                #expect(expected == nil, "\(content)")
                #expect(error.reason == .invalidUTF8)
            }
        }
    }

    @Test func mutatedDocumentsNeverCrashAndReparseStably() throws {
        var random = RandomJSON(seed: 42)
        let insertions = Array("[]{},:\"\\ 0-.eE+tfnu\u{1}".utf8) + [0xC3, 0xFF]
        var accepted = 0
        for _ in 0..<2_000 {
            var bytes = random.value().serialized()
            guard !bytes.isEmpty else { continue }
            for _ in 0...random.int(3) {
                let position = random.int(bytes.count)
                switch random.int(3) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(insertions[random.int(insertions.count)], at: position)
                default: bytes[position] = insertions[random.int(insertions.count)]
                }
                if bytes.isEmpty { break }
            }
            switch Result(catching: { () throws(JSONParseError) in try JSONParser.parse(bytes) }) {
            case .success(let value):
                accepted += 1
                #expect(try JSONParser.parse(value.serialized()) == value)
            case .failure(let error):
                #expect(error.offset >= 0 && error.offset <= bytes.count)
            }
        }
        #expect(accepted > 0)
    }
}
