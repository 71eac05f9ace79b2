import Foundation
import Testing
import TestSupport

@testable import StreamJobsApp

/// `/readyz` checks the configured files again while the service runs: a SQL runner jar or object root
/// that was fine at start-up and then vanished makes the instance unready (503), naming the key and the
/// reason but not the path; once it is back the instance is ready again. Over real HTTP.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct ReadinessConfigurationTests {
    /// GETs `/readyz` until `done` holds for the response or 5 s pass (a report is cached for 1 s).
    static func readyz(of service: LiveService, until done: (HTTPTestResponse) -> Bool) throws -> HTTPTestResponse {
        let deadline = ContinuousClock.now + .seconds(5)
        var response = try service.send("GET", "/readyz")
        while !done(response) && ContinuousClock.now < deadline {
            usleep(100_000)
            response = try service.send("GET", "/readyz")
        }
        return response
    }

    @Test func aVanishedSQLRunnerJarMakesTheInstanceUnreadyUntilItIsBack() throws {
        let jar = "/tmp/streamjobs-readyz-\(UInt64.random(in: 0...UInt64.max)).jar"
        try ConfigurationFileTests.write("", to: jar)
        defer { unlink(jar) }
        let service = try LiveService(
            databaseURL: TestDatabase.migrated(),
            extra: [
                "STREAMJOBS_MIGRATIONS_DIR": TestDatabase.repositoryMigrationsDirectory,
                "STREAMJOBS_FLINK_URL": "http://127.0.0.1:1", "STREAMJOBS_FLINK_SQL_RUNNER_JAR": jar,
            ])
        #expect(try service.send("GET", "/readyz").status == 200)

        unlink(jar)
        let gone = try Self.readyz(of: service) { $0.status != 200 }
        #expect(gone.status == 503)
        #expect(gone.header("Retry-After") == "1")
        #expect(
            gone.bodyString
                == #"{"status":"not_ready","checks":{"database":"up","schema":"current","engine":"down","config":"misconfigured"},"problems":["STREAMJOBS_FLINK_SQL_RUNNER_JAR: no such file"]}"#)
        #expect(!gone.bodyString.contains(jar), "the key is named, the path is not shown")

        try ConfigurationFileTests.write("", to: jar)
        let back = try Self.readyz(of: service) { $0.status == 200 }
        #expect(back.status == 200)
        #expect(back.bodyString == #"{"status":"ready","checks":{"database":"up","schema":"current","engine":"down","config":"ok"}}"#)
    }

    @Test func aVanishedObjectRootMakesTheInstanceUnreadyUntilItIsBack() throws {
        let root = "/tmp/streamjobs-readyz-objects-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let service = try LiveService(
            databaseURL: TestDatabase.migrated(),
            extra: ["STREAMJOBS_MIGRATIONS_DIR": TestDatabase.repositoryMigrationsDirectory, "STREAMJOBS_OBJECT_ROOT": root])
        #expect(try service.send("GET", "/readyz").status == 200)

        try FileManager.default.removeItem(atPath: root)
        try ConfigurationFileTests.write("not a folder", to: root)
        let replaced = try Self.readyz(of: service) { $0.status != 200 }
        #expect(replaced.status == 503)
        #expect(replaced.bodyString.hasSuffix(#""config":"misconfigured"},"problems":["STREAMJOBS_OBJECT_ROOT: not a directory"]}"#), "\(replaced.bodyString)")

        unlink(root)
        let gone = try Self.readyz(of: service) { $0.bodyString.contains("no such directory") }
        #expect(gone.status == 503)
        #expect(gone.bodyString.contains(#""problems":["STREAMJOBS_OBJECT_ROOT: no such directory"]"#), "\(gone.bodyString)")

        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
        #expect(try Self.readyz(of: service) { $0.status == 200 }.status == 200)
    }
}
