import Auth
import AuthStorePostgres
import Foundation
import Logging
import PostgresClient
import StreamJobsApp
import Testing
import TestSupport

/// The README's shell blocks that talk to the service, run as a user pastes them: after the
/// `export P=… TOKEN=…` line `scripts/run` prints, against the whole service (authentication on) and the
/// test Flink cluster. Only the service's address is changed (the blocks say 127.0.0.1:8080).
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(3)))
struct ReadmeDocTests {
    /// The first ```sh block after `marker` in README.md.
    static func block(after marker: String) throws -> String {
        let readme = try String(contentsOfFile: TestDatabase.repositoryRoot + "/README.md", encoding: .utf8)
        let found = try #require(readme.range(of: marker), "README has no \(marker)")
        let rest = readme[found.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```\n"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    /// Runs `block` as pasted into a shell after the export line, against a fresh service; returns its
    /// exit status and everything it printed.
    static func paste(_ block: String) throws -> (status: Int32, printed: String) {
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

        let script = NSTemporaryDirectory() + "readme-block-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sh"
        let output = script + ".out"
        defer { try? FileManager.default.removeItem(atPath: script); try? FileManager.default.removeItem(atPath: output) }
        let pasted = "export P=\(project) TOKEN=\(token)\n"
            + block.replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(runtime.port)")
        try pasted.write(toFile: script, atomically: true, encoding: .utf8)
        let status = Shell.run("bash '\(script)' > '\(output)' 2>&1")
        return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    @Test func theCurlQuickstartCreatesReadsAndDeletesAJob() throws {
        let (status, printed) = try Self.paste(try Self.block(after: "## Try it with curl"))
        #expect(status == 0, "\(printed)")
        for expected in [
            #""message":"A DLI job is created successfully.""#, #""message":"Job detail query succeeds.""#,
            #""message":"The job is successfully deleted.""#, #""error_code":"DLI.16001""#, #""error_code":"DLI.0013""#,
        ] {
            #expect(printed.contains(expected), "\(expected) not in:\n\(printed)")
        }
    }

    @Test func theFlinkBlockRunsAJobAndStopsItWithASavepoint() throws {
        let (status, printed) = try Self.paste(try Self.block(after: "Paste this after the `export P="))
        #expect(status == 0, "\(printed)")
        #expect(printed.contains("\njob_running"), "\(printed)")
        #expect(printed.contains("job_cancel_success  obs://streamjobs-state/savepoints/savepoint-"), "\(printed)")
    }
}
