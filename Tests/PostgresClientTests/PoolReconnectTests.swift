import PostgresClient
import Synchronization
import Testing
import TestSupport

/// Lost sessions and unreachable servers: `.unavailable` at once, then recovery without a new pool.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct PoolReconnectTests {
    static let echo = PGStatement(name: "reconnect.echo", sql: "SELECT $1::text")

    @Test func aPoolStartsWhileTheDatabaseIsUnreachable() throws {
        let pool = PGPool(conninfo: "postgresql://postgres@127.0.0.1:1/none", size: 2, reconnectBackoff: .milliseconds(300))
        defer { pool.close() }
        var first: PGError?
        let firstTime = milliseconds { first = pgError { try pool.withConnection { _ in } } }
        #expect(first?.kind == .unavailable)
        #expect(firstTime < 1000)
        // Both slots try once; inside the back-off every checkout fails at once, without connecting.
        _ = pgError { try pool.withConnection { _ in } }
        for _ in 0..<20 {
            var error: PGError?
            let elapsed = milliseconds { error = pgError { try pool.withConnection { _ in } } }
            #expect(error?.kind == .unavailable)
            #expect(error?.serverMessage.contains("waiting before reconnecting") == true)
            #expect(elapsed < 50)
        }
        sleep(milliseconds: 350)
        let retried = pgError { try pool.withConnection { _ in } }
        #expect(retried?.kind == .unavailable)
        #expect(retried?.serverMessage.contains("waiting before reconnecting") == false, "a real attempt after the back-off")
        #expect(pool.stats.inUse == 0)
    }

    @Test func anIdleSessionKilledByTheServerIsReplacedBeforeUse() throws {
        let pool = PGPool(conninfo: try TestDatabase.url(), size: 1, reconnectBackoff: .milliseconds(50))
        defer { pool.close() }
        let before = try pool.withConnection { connection throws in
            _ = try connection.execute(Self.echo, ["warm"])
            return try connection.execute(backendPID).int64(0, 0) ?? -1
        }
        try terminateBackend(before)
        sleep(milliseconds: 100)  // past the back-off of the first connect
        let (after, echoed, prepared) = try pool.withConnection { connection throws in
            (
                try connection.execute(backendPID).int64(0, 0) ?? -1,
                try connection.execute(Self.echo, ["again"]).string(0, 0),
                try connection.execute(unsafeSQL: "SELECT count(*) FROM pg_prepared_statements WHERE name = 'reconnect.echo'").int(0, 0)
            )
        }
        #expect(after != before)
        #expect(echoed == "again")
        #expect(prepared == 1, "prepared again on the new session")
    }

    @Test func aSessionLostMidQueryFailsThatQueryOnlyAndRecovers() throws {
        let pool = PGPool(conninfo: try TestDatabase.url(), size: 1, reconnectBackoff: .milliseconds(100))
        defer { pool.close() }
        let pid = try pool.withConnection { try $0.execute(backendPID).int64(0, 0) ?? -1 }
        sleep(milliseconds: 150)  // past the first connect's back-off
        let failure = Mutex<PGError?>(nil)
        let wasOpen = Mutex<Bool?>(nil)
        onThreads(2) { role in
            if role == 0 {
                let error = pgError {
                    try pool.withConnection { connection throws in
                        defer { wasOpen.withLock { $0 = connection.isOpen } }
                        _ = try connection.execute(unsafeSQL: "SELECT pg_sleep(5)")
                    }
                }
                failure.withLock { $0 = error }
            } else {
                sleep(milliseconds: 200)
                try? terminateBackend(pid)
            }
        }
        let error = failure.withLock { $0 }
        #expect(error?.kind == .unavailable)
        #expect(error?.description == "database unavailable")
        #expect(wasOpen.withLock { $0 } == false, "marked broken")
        #expect(try pool.withConnection { try $0.execute(Self.echo, ["back"]).string(0, 0) } == "back")
    }
}
