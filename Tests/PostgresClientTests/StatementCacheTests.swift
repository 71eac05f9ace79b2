@testable import PostgresClient
import Testing
import TestSupport

/// Prepared statements are prepared once per session and reused.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct StatementCacheTests {
    static let square = PGStatement(name: "cache.square", sql: "SELECT $1::int8 * $1::int8")
    static let preparedCount = PGStatement(
        name: "cache.count", sql: "SELECT count(*) FROM pg_prepared_statements WHERE name = $1")

    @Test func preparesOncePerSessionAndReuses() throws {
        try withTestConnection { connection throws in
            for value in 1...5 {
                #expect(try connection.execute(Self.square, [Int64(value)]).int64(0, 0) == Int64(value * value))
            }
            #expect(try connection.execute(Self.preparedCount, [Self.square.name]).int(0, 0) == 1)
            #expect(connection.preparedStatements.count == 2)
            let everything = try connection.execute(unsafeSQL: "SELECT count(*) FROM pg_prepared_statements")
            #expect(everything.int(0, 0) == 2)
        }
    }

    @Test func aNewSessionPreparesAgain() throws {
        try withTestConnection { first throws in
            _ = try first.execute(Self.square, [Int64(3)])
        }
        try withTestConnection { second throws in
            #expect(second.preparedStatements.isEmpty)
            #expect(try second.execute(Self.square, [Int64(4)]).int64(0, 0) == 16)
        }
    }

    @Test func aStatementThatFailsToPrepareIsNotCached() throws {
        try withTestConnection { connection throws in
            let broken = PGStatement(name: "cache.broken", sql: "SELECT * FROM no_such_table_anywhere")
            #expect(pgError { _ = try connection.execute(broken) }?.sqlState == .undefinedTable)
            #expect(connection.preparedStatements[broken.name] == nil)
            try connection.execute(unsafeSQL: "CREATE TEMP TABLE no_such_table_anywhere (x int)")
            #expect(try connection.execute(broken).rowCount == 0)
        }
    }
}
