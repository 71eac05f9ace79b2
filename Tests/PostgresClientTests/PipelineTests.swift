import PostgresClient
import Testing
import TestSupport

/// `pipelined(_:localSettings:)`: a fixed list of statements in one round trip as one implicit
/// transaction, lazily prepared inside the pipeline, with errors reported as `execute` reports them.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct PipelineTests {
    static let insert = PGStatement(name: "pipe.insert", sql: "INSERT INTO pipe_ledger (entry) VALUES ($1) RETURNING entry")
    static let count = PGStatement(name: "pipe.count", sql: "SELECT count(*) FROM pipe_ledger")
    static let setting = PGStatement(name: "pipe.setting", sql: "SELECT current_setting('app.pipe', true)")

    private func withLedger(_ body: (PGConnection) throws -> Void) throws {
        try withTestConnection { connection throws in
            try connection.execute(unsafeSQL: "CREATE TEMP TABLE pipe_ledger (entry text PRIMARY KEY)")
            try body(connection)
        }
    }

    @Test func runsTheBatchInOrderPreparingLazilyAndCommits() throws {
        try withLedger { connection throws in
            var batch = PGBatch(Self.insert, ["a"])
            batch.add(Self.insert, ["b"])  // the same unprepared statement twice: prepared once
            batch.add(Self.count)
            let results = try connection.pipelined(batch)
            #expect(results.count == 3)
            #expect(results[0].string(0, 0) == "a" && results[1].string(0, 0) == "b")
            #expect(results[2].int(0, 0) == 2)
            // Prepared in the pipeline: plain execute reuses it; a second pipeline prepares nothing.
            #expect(try connection.execute(Self.count).int(0, 0) == 2)
            #expect(try connection.pipelined(PGBatch(Self.count))[0].int(0, 0) == 2)
        }
    }

    @Test func localSettingsHoldForTheBatchOnly() throws {
        try withTestConnection { connection throws in
            let results = try connection.pipelined(
                PGBatch(Self.setting), localSettings: [PGLocalSetting(name: "app.pipe", value: "p1")])
            #expect(results.count == 1 && results[0].string(0, 0) == "p1")
            let after = try connection.execute(Self.setting).string(0, 0)
            #expect(after == nil || after == "", "reverted at the end of the implicit transaction")
        }
    }

    @Test func theFirstErrorIsReportedAndNothingIsCommitted() throws {
        try withLedger { connection throws in
            _ = try connection.execute(Self.insert, ["a"])
            var batch = PGBatch(Self.insert, ["b"])
            batch.add(Self.insert, ["a"])  // unique violation
            batch.add(PGStatement(name: "pipe.bad", sql: "SELECT 1/0"))  // skipped, never reported
            let error = pgError { _ = try connection.pipelined(batch) }
            #expect(error?.kind == .query && error?.sqlState == .uniqueViolation)
            #expect(error?.constraint == "pipe_ledger_pkey")
            #expect(try connection.execute(Self.count).int(0, 0) == 1, "b was rolled back with the batch")
            #expect(connection.isOpen)
            #expect(try connection.pipelined(PGBatch(Self.count))[0].int(0, 0) == 1, "usable after an error")
        }
    }

    @Test func aParameterWithANULByteIsRefusedBeforeSending() throws {
        try withLedger { connection throws in
            let error = pgError { _ = try connection.pipelined(PGBatch(Self.insert, ["a\u{0}b"])) }
            #expect(error?.sqlState == .characterNotInRepertoire)
            #expect(try connection.execute(Self.count).int(0, 0) == 0)
        }
    }

    @Test func aLostSessionIsUnavailable() throws {
        try withTestConnection { connection throws in
            let pid = try connection.execute(backendPID).int64(0, 0) ?? 0
            try terminateBackend(pid)
            let error = pgError { _ = try connection.pipelined(PGBatch(Self.setting)) }
            #expect(error?.kind == .unavailable)
            #expect(!connection.isOpen)
        }
    }

    @Test func transactionWithLocalSettingsSeesThemInEveryStatementAndCommits() throws {
        try withLedger { connection throws in
            let seen = try connection.transaction(localSettings: [PGLocalSetting(name: "app.pipe", value: "p2")]) { tx in
                let value = try tx.execute(Self.setting).string(0, 0)
                _ = try tx.execute(Self.insert, [value ?? "none"])
                return value
            }
            #expect(seen == "p2")
            #expect(try connection.execute(Self.count).int(0, 0) == 1)
            let after = try connection.execute(Self.setting).string(0, 0)
            #expect(after == nil || after == "")
        }
    }
}
