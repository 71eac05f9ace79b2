import Glibc
import PostgresClient
import Testing
import TestSupport

/// A real outage: the tests stop and start a throw-away PostgreSQL cluster of their own (never the shared
/// test server), through TestSupport's `LocalCluster`.
@Suite(.serialized, .enabled(if: TestDatabase.isConfigured)) struct OutageTests {
    static let echo = PGStatement(name: "outage.echo", sql: "SELECT $1::text")

    @Test func stoppedServerAnswersUnavailableQuicklyAndThePoolRecovers() throws {
        let cluster = try OutageCluster.make()
        let pool = PGPool(conninfo: cluster.databaseURL, size: 4, reconnectBackoff: .milliseconds(250))
        defer { pool.close() }
        onThreads(4) { _ in _ = try? pool.withConnection { try $0.execute(Self.echo, ["warm"]) } }

        try cluster.stop()
        var worst = 0.0
        for _ in 0..<40 {
            var error: PGError?
            let elapsed = milliseconds { error = pgError { _ = try pool.withConnection { try $0.execute(Self.echo, ["x"]) } } }
            #expect(error?.kind == .unavailable)
            worst = max(worst, elapsed)
        }
        #expect(worst < 1000, "slowest call while down: \(worst) ms")
        print("outage: slowest call while the server was down: \(worst) ms")

        try cluster.start()
        let recovery = milliseconds { waitUntilServing(pool) }
        print("outage: first success \(recovery) ms after the server was ready")
        #expect(recovery < 2000)
        let echoed = try pool.withConnection { try $0.execute(Self.echo, ["recovered"]).string(0, 0) }
        #expect(echoed == "recovered")
    }

    @Test func aPoolCreatedWhileTheServerIsDownRecoversByItself() throws {
        let cluster = try OutageCluster.make()
        try cluster.stop()
        let pool = PGPool(conninfo: cluster.databaseURL, size: 2)
        defer { pool.close() }
        var error: PGError?
        let elapsed = milliseconds { error = pgError { try pool.withConnection { _ in } } }
        #expect(error?.kind == .unavailable)
        #expect(elapsed < 1000)
        try cluster.start()
        let recovery = milliseconds { waitUntilServing(pool) }
        print("outage: pool created while down served \(recovery) ms after the server was ready")
        #expect(recovery < 2000)
    }

    /// Retries every 10 ms for up to 5 s until a statement succeeds.
    private func waitUntilServing(_ pool: PGPool) {
        for _ in 0..<500 {
            if (try? pool.withConnection({ try $0.execute(Self.echo, ["ping"]) })) != nil { return }
            sleep(milliseconds: 10)
        }
    }
}

/// The throw-away cluster the outage tests control (TestSupport's `LocalCluster`, port 25499).
enum OutageCluster {
    static func make() throws -> LocalCluster { try LocalCluster(name: "pgclient-outage-pg", port: 25_499) }
}
