import PostgresClient
import Testing
import TestSupport

/// `transaction` commits on success and rolls back on any error, rethrowing the original one.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct TransactionTests {
    struct Boom: Error, Equatable {}
    static let insert = PGStatement(name: "tx.insert", sql: "INSERT INTO ledger (entry) VALUES ($1)")
    static let count = PGStatement(name: "tx.count", sql: "SELECT count(*) FROM ledger")

    private func withLedger(_ body: (PGConnection) throws -> Void) throws {
        try withTestConnection { connection throws in
            try connection.execute(unsafeSQL: "CREATE TEMP TABLE ledger (entry text PRIMARY KEY)")
            try body(connection)
        }
    }

    @Test func commitsAndReturnsTheValue() throws {
        try withLedger { connection throws in
            let value = try connection.transaction { tx in
                _ = try tx.execute(Self.insert, ["a"])
                _ = try tx.execute(Self.insert, ["b"])
                return 42
            }
            #expect(value == 42)
            #expect(try connection.execute(Self.count).int(0, 0) == 2)
        }
    }

    @Test func rollsBackAndRethrowsTheOriginalError() throws {
        try withLedger { connection throws in
            #expect(throws: Boom()) {
                try connection.transaction { tx in
                    _ = try tx.execute(Self.insert, ["a"])
                    throw Boom()
                }
            }
            #expect(try connection.execute(Self.count).int(0, 0) == 0)
            #expect(try connection.execute(unsafeSQL: "SELECT 1").rowCount == 1, "not left in a transaction")
        }
    }

    @Test func rollsBackOnADatabaseError() throws {
        try withLedger { connection throws in
            let error = pgError {
                try connection.transaction { tx in
                    _ = try tx.execute(Self.insert, ["a"])
                    _ = try tx.execute(Self.insert, ["a"])
                }
            }
            #expect(error?.sqlState == .uniqueViolation)
            #expect(try connection.execute(Self.count).int(0, 0) == 0)
        }
    }

    @Test func aSwallowedErrorStillRollsBack() throws {
        try withLedger { connection throws in
            let error = pgError {
                try connection.transaction { tx in
                    _ = try tx.execute(Self.insert, ["a"])
                    _ = try? tx.execute(Self.insert, ["a"])
                }
            }
            #expect(error?.sqlState == .inFailedSQLTransaction)
            #expect(try connection.execute(Self.count).int(0, 0) == 0)
        }
    }

    @Test func nestedTransactionsAreRefused() throws {
        try withLedger { connection throws in
            let error = pgError {
                try connection.transaction { tx in
                    _ = try tx.execute(Self.insert, ["a"])
                    try tx.transaction { _ in }
                }
            }
            #expect(error?.sqlState == .activeSQLTransaction)
            #expect(try connection.execute(Self.count).int(0, 0) == 0)
        }
    }
}
