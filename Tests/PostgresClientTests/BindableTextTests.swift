import PostgresClient
import Testing

/// The text each `PGBindable` sends, checked without a database.
@Suite struct BindableTextTests {
    @Test func scalars() {
        #expect("x".pgText == "x")
        #expect(42.pgText == "42")
        #expect(Int64.min.pgText == "-9223372036854775808")
        #expect(Int32(-7).pgText == "-7")
        #expect(true.pgText == "t")
        #expect(false.pgText == "f")
        #expect(Optional<String>.none.pgText == nil)
        #expect(Optional("y").pgText == "y")
    }

    @Test func doublesUsePostgreSQLSpellings() {
        #expect(Double.nan.pgText == "NaN")
        #expect(Double.infinity.pgText == "Infinity")
        #expect((-Double.infinity).pgText == "-Infinity")
        #expect(0.1.pgText == "0.1")
        #expect(Double.leastNonzeroMagnitude.pgText == "5e-324")
    }

    @Test func arrayLiteralsQuoteAndEscapeEveryElement() {
        #expect(["a", "b\"c"].pgText == #"{"a","b\"c"}"#)
        #expect(["back\\slash", "with,comma", "{}", "NULL", ""].pgText == #"{"back\\slash","with,comma","{}","NULL",""}"#)
        #expect([String]().pgText == "{}")
        #expect(["x", nil].pgText == #"{"x",NULL}"#)
        #expect([Int64(1), -2].pgText == #"{"1","-2"}"#)
    }
}
