import PostgresClient
import Testing
import TestSupport

/// Every `PGBindable` goes to the server as a bind parameter and comes back unchanged.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct BindingRoundTripTests {
    static let strings = [
        "", "plain", "it's", "double \"quote\"", #"back\slash \\ \n"#, "unicode ✓ 日本語 🎉 é", "tab\tnew\nline\r",
        "NULL", "  padded  ", "{\"a\",\"b\"}", "'; DROP TABLE x; --", "$1",
    ]

    @Test(arguments: strings) func string(_ value: String) throws {
        try withTestConnection { connection throws in
            let result = try connection.execute(
                PGStatement(name: "rt.text", sql: "SELECT $1::text, octet_length($1::text)"), [value])
            #expect(result.string(0, 0) == value)
            #expect(result.int(0, 1) == value.utf8.count)
        }
    }

    @Test func integersAndBooleans() throws {
        try withTestConnection { connection throws in
            let statement = PGStatement(
                name: "rt.numbers",
                sql: "SELECT $1::int8, $2::int8, $3::int4, $4::int8, $5::boolean, $6::boolean, $7::int4")
            let result = try connection.execute(
                statement, [Int64.min, Int64.max, Int32.min, Int(-12345), true, false, Int32.max])
            #expect(result.int64(0, 0) == Int64.min)
            #expect(result.int64(0, 1) == Int64.max)
            #expect(result.int(0, 2) == Int(Int32.min))
            #expect(result.int(0, 3) == -12345)
            #expect(result.bool(0, 4) == true)
            #expect(result.bool(0, 5) == false)
            #expect(result.int64(0, 6) == Int64(Int32.max))
        }
    }

    @Test(arguments: [0.1, -1.5e300, Double.pi, .leastNonzeroMagnitude, -0.0, 1e16, .infinity, -.infinity, .nan])
    func double(_ value: Double) throws {
        try withTestConnection { connection throws in
            let result = try connection.execute(PGStatement(name: "rt.float8", sql: "SELECT $1::float8"), [value])
            let back = try #require(result.double(0, 0))
            if value.isNaN {
                #expect(back.isNaN)
            } else {
                #expect(back == value)
                #expect(back.sign == value.sign)
            }
        }
    }

    @Test func nullsOfEveryKind() throws {
        try withTestConnection { connection throws in
            let statement = PGStatement(
                name: "rt.nulls", sql: "SELECT $1::text, $2::int8, $3::boolean, $4::float8, $5::text[], $1::text IS NULL")
            let result = try connection.execute(
                statement, [String?.none, Int64?.none, Bool?.none, Double?.none, [String]?.none])
            for column in 0..<5 {
                #expect(result.isNull(0, column))
                #expect(result.string(0, column) == nil)
                result.withBytes(0, column) { #expect($0 == nil) }
            }
            #expect(result.int64(0, 1) == nil)
            #expect(result.bool(0, 5) == true)
        }
    }

    @Test func textArraysKeepEveryElement() throws {
        let elements = ["a", "b\"c", "with,comma", "{brace}", "NULL", "null", "", "  padded ", "back\\slash", "ünï ✓", "\\\""]
        try withTestConnection { connection throws in
            let result = try connection.execute(
                PGStatement(name: "rt.text_array", sql: "SELECT e FROM unnest($1::text[]) WITH ORDINALITY AS t(e, i) ORDER BY i"),
                [elements])
            #expect(result.rowCount == elements.count)
            #expect((0..<result.rowCount).map { result.string($0, 0) } == elements)
            #expect((0..<result.rowCount).allSatisfy { !result.isNull($0, 0) })
        }
    }

    @Test func arraysWithNullElementsAndEmptyArrays() throws {
        try withTestConnection { connection throws in
            let result = try connection.execute(
                PGStatement(
                    name: "rt.array_nulls",
                    sql: "SELECT ($1::text[])[2] IS NULL, ($1::text[])[1], cardinality($2::text[]), cardinality($1::text[])"),
                [["NULL", nil, "x"] as [String?], [String]()])
            #expect(result.bool(0, 0) == true)
            #expect(result.string(0, 1) == "NULL")
            #expect(result.int(0, 2) == 0)
            #expect(result.int(0, 3) == 3)
        }
    }

    @Test func int64Arrays() throws {
        let values: [Int64] = [Int64.min, -1, 0, 42, Int64.max]
        try withTestConnection { connection throws in
            let result = try connection.execute(
                PGStatement(name: "rt.int8_array", sql: "SELECT e FROM unnest($1::int8[]) WITH ORDINALITY AS t(e, i) ORDER BY i"),
                [values])
            #expect((0..<result.rowCount).map { result.int64($0, 0) } == values)
        }
    }
}
