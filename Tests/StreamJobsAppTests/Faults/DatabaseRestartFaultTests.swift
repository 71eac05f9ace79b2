import Foundation
import PostgresClient
import SchemaMigrations
import Testing
import TestSupport

/// PostgreSQL restarted (fast and immediate shutdown) during a mixed write load: every request that
/// got a 2xx is in the database afterwards, every other one got a clear 503, none hung, and the
/// service recovers without a restart soon after the database is back.
@Suite(.enabled(if: TestDatabase.isConfigured), .serialized) struct DatabaseRestartFaultTests {
    @Test(arguments: ["fast", "immediate"])
    func acknowledgedWritesSurviveARestart(mode: String) throws {
        let cluster = try LocalCluster(name: "fault-pg-\(mode)", port: mode == "fast" ? 25_493 : 25_494)
        let connection = try PGConnection(conninfo: cluster.databaseURL)
        _ = try Migrator(connection: connection, migrations: try MigrationSet.load(directory: TestDatabase.repositoryMigrationsDirectory)).up()
        connection.close()
        let service = try LiveService(databaseURL: cluster.databaseURL)
        let load = WriteLoad(endpoint: service.endpoint, project: uniqueProject("fault"))
        let threads = load.start(threads: 4)
        usleep(1_500_000)
        try cluster.stop(mode: mode)
        usleep(1_500_000)
        try cluster.start()
        let restarted = ContinuousClock.now
        usleep(3_000_000)
        load.stop()
        for thread in threads { while !thread.isFinished { usleep(10_000) } }

        let records = load.all
        let created = records.compactMap { r -> Int64? in r.status == 200 ? r.jobID : nil }
        let deleted = records.compactMap { r -> Int64? in
            if case .delete(let id) = r.operation, r.status == 200 { return id } else { return nil }
        }
        #expect(created.count > 20 && !deleted.isEmpty, "load too small: \(records.count) requests")
        // Every other answer is a clear 503 (or, for a create whose name was taken by a create that
        // committed although its client saw the connection drop, 400 DLI.0006); nothing hung.
        let unclear = records.filter { r in r.status != 200 && r.status != 503 && r.status != 400 }
        #expect(unclear.isEmpty, "unclear outcomes: \(unclear.prefix(5))")
        let slowest = records.map(\.seconds).max() ?? 0
        #expect(slowest < 10, "a request took \(slowest) s")
        #expect(records.contains { $0.status == 503 }, "the outage was not observed")

        // Every acknowledged create exists, every acknowledged delete is a soft delete.
        let admin = try PGConnection(conninfo: cluster.databaseURL)
        defer { admin.close() }
        let statement = PGStatement(
            name: "fault_rows", sql: "SELECT job_id, deleted_at IS NOT NULL FROM jobs WHERE project_id = $1")
        let result = try admin.execute(statement, [load.project])
        var stored: [Int64: Bool] = [:]
        for row in 0..<result.rowCount { stored[result.int64(row, 0)!] = result.bool(row, 1)! }
        for id in created { #expect(stored[id] != nil, "acknowledged create \(id) is missing") }
        for id in deleted { #expect(stored[id] == true, "acknowledged delete \(id) is not recorded") }

        // Recovery: the first success after the restart came within 2 s of the database being ready.
        let firstSuccess = records.filter { $0.status == 200 && $0.finishedAt > restarted }.map(\.finishedAt).min()
        let recovery = try #require(firstSuccess) - restarted
        print("fault(\(mode)): \(records.count) requests, \(created.count) creates and \(deleted.count) deletes acknowledged, "
            + "\(records.filter { $0.status == 503 }.count) 503s, first success \(recovery) after restart")
        #expect(recovery < .seconds(2))
    }
}
