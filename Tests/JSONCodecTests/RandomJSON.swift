import JSONCodec

/// Generates arbitrary `JSONValue`s from a seeded generator, for round-trip tests.
struct RandomJSON {
    var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// Characters chosen to stress escaping: quotes, controls, line separators, multi-byte UTF-8.
    static let characters: [Character] = [
        "a", "b", "Z", "0", " ", "/", "'", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}",
        "é", "ß", "€", "\u{2028}", "\u{2029}", "\u{FFFD}", "\u{FFFF}", "😀", "𝄞", "\u{10FFFF}", "e\u{301}",
    ]

    static let numberLiterals = [
        "0", "-0", "1", "-1", "0.5", "1E+2", "1e-7", "1e400", "-1e400", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "0.000",
    ]

    mutating func int(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }

    mutating func string() -> String {
        String((0..<int(12)).map { _ in Self.characters.randomElement(using: &generator)! })
    }

    mutating func number() -> JSONNumber {
        switch int(3) {
        case 0: return JSONNumber(Int64(bitPattern: generator.next()) >> Int64(int(64)))
        case 1:
            while true {
                if let number = JSONNumber(Double(bitPattern: generator.next())) { return number }
            }
        default: return JSONNumber(literal: Self.numberLiterals.randomElement(using: &generator)!)!
        }
    }

    mutating func value(depth: Int = 0) -> JSONValue {
        let kinds = depth >= 4 ? 4 : 7
        switch int(kinds) {
        case 0: return .null
        case 1: return .bool(int(2) == 0)
        case 2: return .number(number())
        case 3: return .string(string())
        case 4: return .array((0..<int(6)).map { _ in value(depth: depth + 1) })
        default:
            var object = JSONObject()
            // Now and then a large object, past the lookup index threshold.
            let count = int(10) == 0 ? JSONObject.indexThreshold + int(20) : int(6)
            for i in 0..<count {
                let key = int(2) == 0 ? string() : "k\(i)"
                if object[key] == nil { object[key] = value(depth: depth + 1) }
            }
            return .object(object)
        }
    }
}
