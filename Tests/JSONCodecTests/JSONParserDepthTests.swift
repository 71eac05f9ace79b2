import JSONCodec
import Testing

@Suite("JSONParser: nesting limit")
struct JSONParserDepthTests {
    static func nested(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test func exactlyMaxDepthParses() throws {
        #expect(try JSONParser.parse(Self.nested(32)) != .null)
        #expect(try JSONParser.parse(Self.nested(5), maxDepth: 5) != .null)
    }

    @Test func oneDeeperFails() {
        #expect(parseError(utf8(Self.nested(6)), maxDepth: 5) == JSONParseError(.nestingTooDeep(maxDepth: 5), at: 5))
    }

    @Test func maxDepthZeroAllowsOnlyScalars() throws {
        #expect(try JSONParser.parse("\"s\"", maxDepth: 0) == "s")
        #expect(parseError(utf8("[]"), maxDepth: 0)?.reason == .nestingTooDeep(maxDepth: 0))
        #expect(parseError(utf8("{}"), maxDepth: 0)?.reason == .nestingTooDeep(maxDepth: 0))
    }

    @Test func objectsCountTowardsDepth() {
        let document = String(repeating: #"{"a":"#, count: 4) + "1" + String(repeating: "}", count: 4)
        #expect(throws: Never.self) { try JSONParser.parse(document, maxDepth: 4) }
        #expect(parseError(utf8(document), maxDepth: 3) == JSONParseError(.nestingTooDeep(maxDepth: 3), at: 15))
    }

    @Test func siblingsDoNotAddDepth() throws {
        let document = "[" + Array(repeating: "[[1]]", count: 1000).joined(separator: ",") + "]"
        #expect(try JSONParser.parse(document, maxDepth: 3).arrayValue?.count == 1000)
    }

    @Test func megabyteBracketBombFailsFast() {
        let bomb = [UInt8](repeating: UInt8(ascii: "["), count: 1 << 20)
        let clock = ContinuousClock()
        let start = clock.now
        let error = parseError(bomb)
        #expect(clock.now - start < .seconds(1))
        #expect(error == JSONParseError(.nestingTooDeep(maxDepth: 32), at: 32))
    }

    @Test func megabyteObjectBombFailsFast() {
        let bomb = Array(String(repeating: #"{"a":"#, count: (1 << 20) / 5).utf8)
        let clock = ContinuousClock()
        let start = clock.now
        let error = parseError(bomb)
        #expect(clock.now - start < .seconds(1))
        #expect(error?.reason == .nestingTooDeep(maxDepth: 32))
    }

    @Test func deepNestingWithAHighLimitDoesNotRecurse() throws {
        // The parser keeps its own stack, so depth is bounded by maxDepth, not by the thread's stack.
        let depth = 2_000
        let value = try JSONParser.parse(Self.nested(depth), maxDepth: depth)
        var level = 0
        var current = value
        while case .array(let elements) = current, let first = elements.first {
            level += 1
            current = first
        }
        #expect(level == depth - 1)
    }
}
