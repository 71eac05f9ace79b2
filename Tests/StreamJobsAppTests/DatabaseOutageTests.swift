import Foundation
import PostgresClient
import SchemaMigrations
import Testing
import TestSupport

/// The database taken away mid-test: requests get 503 with Retry-After and a DLI body, never a hang;
/// once it is back the service recovers without a restart.
@Suite(.enabled(if: TestDatabase.isConfigured), .serialized) struct DatabaseOutageTests {
    @Test func stoppedDatabaseGives503ThenRecovers() throws {
        let cluster = try LocalCluster(name: "outage-test-pg", port: 25_491)
        let connection = try PGConnection(conninfo: cluster.databaseURL)
        _ = try Migrator(connection: connection, migrations: try MigrationSet.load(directory: TestDatabase.repositoryMigrationsDirectory)).up()
        connection.close()
        let service = try LiveService(databaseURL: cluster.databaseURL)
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "survivor")
        let client = try service.client()  // a keep-alive connection that lives through the outage
        #expect(try client.send(method: "GET", target: "/v1.0/\(p)/streaming/jobs/\(id)").status == 200)

        try cluster.stop(mode: "fast")
        for target in ["/v1.0/\(p)/streaming/jobs/\(id)", "/v1.0/\(p)/streaming/jobs/\(id + 1)"] {
            let started = Date()
            let r = try client.send(method: "GET", target: target)
            #expect(r.status == 503)
            #expect(r.header("Retry-After") == "1")
            #expect(r.errorCode == "DLI.0999")
            #expect(Date().timeIntervalSince(started) < 5, "a 503 must come at once, not after a hang")
        }
        let delete = try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)")
        #expect(delete.status == 503)

        try cluster.start()
        var recovered = false
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if (try? client.send(method: "GET", target: "/v1.0/\(p)/streaming/jobs/\(id)"))?.status == 200 {
                recovered = true
                break
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(recovered)
        // The job was never deleted by the refused request, and writes work again.
        let finalDelete = try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)")
        #expect(finalDelete.status == 200, "\(finalDelete.status) \(String(decoding: finalDelete.body, as: UTF8.self))")
    }
}
