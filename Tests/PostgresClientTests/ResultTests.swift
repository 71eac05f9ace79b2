@testable import PostgresClient
import Testing
import TestSupport

/// Reading results: counts, names, typed accessors, zero-copy bytes.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct ResultTests {
    @Test func countsNamesAndTypedValues() throws {
        try withTestConnection { connection throws in
            let result = try connection.execute(
                unsafeSQL: "SELECT 1::int8 AS id, 'x'::text AS \"Name\", 't'::boolean AS ok, 2.5::float8 AS f FROM generate_series(1, 3)")
            #expect(result.rowCount == 3)
            #expect(result.columnCount == 4)
            #expect(result.columnIndex(named: "Name") == 1)
            #expect(result.columnIndex(named: "name") == nil)
            #expect(result.columnIndex(named: "missing") == nil)
            #expect(result.columnName(3) == "f")
            #expect(result.int64(2, 0) == 1)
            #expect(result.int64(0, 1) == nil, "text that is not an integer")
            #expect(result.bool(0, 1) == nil)
            #expect(result.bool(0, 2) == true)
            #expect(result.double(0, 3) == 2.5)
            #expect(result.commandTag == "SELECT 3")
        }
    }

    @Test func affectedRows() throws {
        try withTestConnection { connection throws in
            try connection.execute(unsafeSQL: "CREATE TEMP TABLE counted (n int)")
            let insert = try connection.execute(unsafeSQL: "INSERT INTO counted SELECT generate_series(1, 5)")
            #expect(insert.affectedRows == 5)
            let update = try connection.execute(
                PGStatement(name: "result.update", sql: "UPDATE counted SET n = n + 1 WHERE n > $1::int"), [2])
            #expect(update.affectedRows == 3)
            #expect(try connection.execute(unsafeSQL: "SELECT 1").affectedRows == 1)
            #expect(try connection.execute(unsafeSQL: "DROP TABLE counted").affectedRows == 0)
        }
    }

    @Test func withBytesGivesTheTextWithoutCopying() throws {
        try withTestConnection { connection throws in
            let result = try connection.execute(PGStatement(name: "result.bytes", sql: "SELECT $1::text"), ["héllo"])
            let bytes = result.withBytes(0, 0) { $0.map(Array.init) }
            #expect(bytes == Array("héllo".utf8))
        }
    }

    @Test func integerParsing() {
        func parse(_ text: String) -> Int64? {
            Array(text.utf8).withUnsafeBytes { PGResult.parseInt64($0) }
        }
        #expect(parse("0") == 0)
        #expect(parse("-9223372036854775808") == Int64.min)
        #expect(parse("9223372036854775807") == Int64.max)
        #expect(parse("9223372036854775808") == nil)
        #expect(parse("-9223372036854775809") == nil)
        #expect(parse("") == nil)
        #expect(parse("-") == nil)
        #expect(parse("1.5") == nil)
        #expect(parse(" 1") == nil)
    }
}
