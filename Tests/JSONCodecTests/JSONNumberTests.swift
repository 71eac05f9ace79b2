import JSONCodec
import Testing

@Suite("JSONNumber")
struct JSONNumberTests {
    static func number(_ document: String) throws -> JSONNumber {
        try #require(JSONParser.parse(document).numberValue)
    }

    @Test func int64Edges() throws {
        #expect(try Self.number("9223372036854775807").int64Value == .max)
        #expect(try Self.number("-9223372036854775808").int64Value == .min)
        #expect(try Self.number("0").int64Value == 0)
        #expect(try Self.number("-0").int64Value == 0)
        #expect(try Self.number("-1").int64Value == -1)

        let tooBig = try Self.number("9223372036854775808")
        #expect(tooBig.int64Value == nil)
        #expect(tooBig.isInteger)
        #expect(tooBig.doubleValue == 9_223_372_036_854_775_808.0)

        let tooSmall = try Self.number("-9223372036854775809")
        #expect(tooSmall.int64Value == nil)
        #expect(tooSmall.doubleValue == -9_223_372_036_854_775_808.0)

        #expect(try Self.number("123456789012345678901234567890").int64Value == nil)
    }

    @Test(arguments: ["1e2", "1E2", "5.0", "0.0", "-0.0", "1.5", "1e-2", "100e0"])
    func fractionOrExponentIsNeverAnInteger(_ literal: String) throws {
        let number = try Self.number(literal)
        #expect(number.int64Value == nil)
        #expect(!number.isInteger)
    }

    @Test func doubleValues() throws {
        #expect(try Self.number("1e2").doubleValue == 100)
        #expect(try Self.number("0.1").doubleValue == 0.1)
        #expect(try Self.number("-0").doubleValue.sign == .minus)
        #expect(try Self.number("2.2250738585072014e-308").doubleValue == .leastNormalMagnitude)
        #expect(try Self.number("1e400").doubleValue == .infinity)
        #expect(try Self.number("-1e400").doubleValue == -.infinity)
        #expect(try Self.number("1e-400").doubleValue == 0)
    }

    @Test func literalTextIsKept() throws {
        for literal in ["1.50", "1E+2", "-0", "0.000", "123456789012345678901234567890.5e-10"] {
            let number = try Self.number(literal)
            #expect(number.text == literal)
            #expect(text(JSONValue.number(number).serialized()) == literal)
        }
    }

    @Test func equalityIsByText() throws {
        #expect(try Self.number("1") == JSONNumber(1))
        #expect(try Self.number("1") != Self.number("1.0"))
        #expect(try Self.number("1.0").doubleValue == Self.number("1").doubleValue)
    }

    @Test func initializers() {
        #expect(JSONNumber(Int64.min).text == "-9223372036854775808")
        #expect(JSONNumber(42).int64Value == 42)
        #expect(JSONNumber(0.1)?.text == "0.1")
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(literal: "6.02e23")?.doubleValue == 6.02e23)
        for bad in ["", "+1", "01", ".5", "1.", "NaN", " 1", "1 ", "0x1", "1e", "--1", "1_000"] {
            #expect(JSONNumber(literal: bad) == nil, "\(bad)")
        }
    }
}
