import Auth
import AuthStorePostgres
import Foundation
import Logging
import PostgresClient
import StreamJobsApp
import Testing
import TestSupport

/// The README's "Running real Flink jobs" shell block, run as a user pastes it: against the whole
/// service (authentication on) and the test Flink cluster, after the `export P=… TOKEN=…` line
/// `scripts/run` prints. Only the service's address is changed (the block says 127.0.0.1:8080).
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(3)))
struct ReadmeFlinkBlockDocTests {
    /// The shell block that follows "Paste this after the `export P=…" in README.md.
    static func block() throws -> String {
        let readme = try String(contentsOfFile: TestDatabase.repositoryRoot + "/README.md", encoding: .utf8)
        let marker = try #require(readme.range(of: "Paste this after the `export P="))
        let rest = readme[marker.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```\n"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test func theBlockRunsAJobAndStopsItWithASavepoint() throws {
        let block = try Self.block()
        #expect(block.contains("http://127.0.0.1:8080/v1.0/$P/streaming"))
        let database = try FlinkTestEnvironment.freshDatabase(label: "readme")
        defer { TestDatabase.drop(database) }
        // A project of its own: Flink job ids derive from the project and job id, and the test cluster
        // outlives test databases (scripts/run's development project would meet its own earlier jobs).
        let project = "readme\(UInt32.random(in: 0...UInt32.max))"
        let config = try ServiceConfiguration.fromEnvironment([
            "STREAMJOBS_DATABASE_URL": database, "STREAMJOBS_HTTP_PORT": "0",
            "STREAMJOBS_FLINK_URL": try FlinkTestEnvironment.url(),
            "STREAMJOBS_OBJECT_ROOT": try FlinkTestEnvironment.objectRoot(projects: [project]),
            "STREAMJOBS_FLINK_SQL_RUNNER_JAR": FlinkTestEnvironment.jarsDirectory + "/sql-runner.jar",
            "STREAMJOBS_ENGINE_POLL_INTERVAL_MS": "300",
            "STREAMJOBS_AUTH": "on", "STREAMJOBS_MASTER_KEY": MasterKey.generate().base64,
        ])
        var logger = Logger(label: "readme")
        logger.logLevel = .critical
        let runtime = try ServiceRuntime(configuration: config, logger: logger)
        defer { runtime.shutdown(gracePeriod: .seconds(2)) }
        let adminPool = PGPool(conninfo: database, size: 1)
        defer { adminPool.close() }
        let token = try PostgresCredentialStore(pool: adminPool, logger: logger).createToken(
            project: project, lifetimeSeconds: 600, description: "readme", createdBy: "test"
        ).token

        let script = NSTemporaryDirectory() + "readme-block-\(getpid()).sh"
        let output = script + ".out"
        defer { try? FileManager.default.removeItem(atPath: script); try? FileManager.default.removeItem(atPath: output) }
        let pasted = "export P=\(project) TOKEN=\(token)\n"
            + block.replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(runtime.port)")
        try pasted.write(toFile: script, atomically: true, encoding: .utf8)
        let status = Shell.run("bash '\(script)' > '\(output)' 2>&1")
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(status == 0, "\(printed)")
        #expect(printed.contains("\njob_running"), "\(printed)")
        #expect(printed.contains("job_cancel_success  obs://streamjobs-state/savepoints/savepoint-"), "\(printed)")
    }
}
