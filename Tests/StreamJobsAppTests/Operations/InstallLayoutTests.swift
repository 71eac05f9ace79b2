import Foundation
import Testing
import TestSupport

@testable import StreamJobsApp

/// The install layout (`scripts/install --prefix DIR`): the binary finds `DIR/share/streamjobs` from its
/// own path; and `serve` refuses to start with an engine but no SQL runner jar, naming the file and key.
@Suite struct InstallLayoutTests {
    /// A fresh folder below /tmp, removed by the caller.
    static func scratch() throws -> String {
        let path = "/tmp/streamjobs-layout-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: path + "/bin", withIntermediateDirectories: true)
        return path
    }

    @Test func anExecutableNextToAShareFolderTakesItsDefaultsFromThere() throws {
        let prefix = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let share = prefix + "/share/streamjobs"
        try FileManager.default.createDirectory(atPath: share + "/migrations", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: share + "/sql-runner.jar", contents: Data("jar".utf8)))
        #expect(FileManager.default.createFile(atPath: share + "/openapi.json", contents: Data("{}".utf8)))
        let layout = InstallLayout(executablePath: prefix + "/bin/streamjobs")
        #expect(layout.shareDirectory == share)
        #expect(layout.migrationsDirectory == share + "/migrations")
        #expect(layout.sqlRunnerJar == share + "/sql-runner.jar")
        let config = try ServiceConfiguration.fromEnvironment(
            ["STREAMJOBS_DATABASE_URL": "postgresql://u@h/db", "STREAMJOBS_AUTH": "none", "STREAMJOBS_FLINK_URL": "http://127.0.0.1:1"],
            layout: layout)
        #expect(config.migrationsDirectory == share + "/migrations")
        #expect(config.engine?.flink.sqlRunnerJar == share + "/sql-runner.jar")
        #expect(config.openAPIDocumentPath == share + "/openapi.json")
        let overridden = try ServiceConfiguration.fromEnvironment(
            ["STREAMJOBS_DATABASE_URL": "postgresql://u@h/db", "STREAMJOBS_AUTH": "none", "STREAMJOBS_MIGRATIONS_DIR": "/elsewhere"],
            layout: layout)
        #expect(overridden.migrationsDirectory == "/elsewhere", "the key wins over the layout")
    }

    @Test func withoutAShareFolderTheDefaultsAreTheCheckouts() throws {
        let prefix = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        for layout in [InstallLayout(executablePath: prefix + "/bin/streamjobs"), InstallLayout(executablePath: nil),
                       InstallLayout(executablePath: "/streamjobs")] {
            #expect(layout.shareDirectory == nil)
            #expect(layout.migrationsDirectory == "migrations")
            #expect(layout.sqlRunnerJar == ".local/flink/jars/sql-runner.jar")
            #expect(layout.openAPIDocument == nil)
        }
        #expect(InstallLayout.current.shareDirectory == nil, "the test bundle is not installed")
    }

    @Test func anEngineWithoutItsSQLRunnerJarIsAConfigurationError() throws {
        let missing = "/tmp/streamjobs-no-such-\(UInt64.random(in: 0...UInt64.max))/sql-runner.jar"
        do {
            _ = try ServiceConfiguration.fromEnvironment([
                "STREAMJOBS_DATABASE_URL": "postgresql://u@h/db", "STREAMJOBS_AUTH": "none",
                "STREAMJOBS_FLINK_URL": "http://127.0.0.1:1", "STREAMJOBS_FLINK_SQL_RUNNER_JAR": missing,
            ])
            Issue.record("a missing jar accepted")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.hasPrefix("STREAMJOBS_FLINK_SQL_RUNNER_JAR=\(missing): no such file") == true, "\(error)")
        }
        // Without an engine the jar is not needed.
        _ = try ServiceConfiguration.fromEnvironment([
            "STREAMJOBS_DATABASE_URL": "postgresql://u@h/db", "STREAMJOBS_AUTH": "none", "STREAMJOBS_FLINK_SQL_RUNNER_JAR": missing,
        ])
    }

    @Test func serveExitsBeforeServingNamingTheMissingJarAndItsKey() throws {
        let binary = try #require(ChildProcess.streamjobsBinary)
        let missing = "/tmp/streamjobs-no-such-\(UInt64.random(in: 0...UInt64.max))/sql-runner.jar"
        let log = "/tmp/streamjobs-layout-serve-\(UInt64.random(in: 0...UInt64.max)).log"
        defer { unlink(log) }
        let child = try ChildProcess(
            path: binary, arguments: ["serve"],
            environment: [
                "STREAMJOBS_DATABASE_URL": "postgresql://postgres@127.0.0.1:1/none?connect_timeout=1", "STREAMJOBS_AUTH": "none",
                "STREAMJOBS_HTTP_PORT": "0", "STREAMJOBS_FLINK_URL": "http://127.0.0.1:1",
                "STREAMJOBS_FLINK_SQL_RUNNER_JAR": missing,
            ],
            logPath: log)
        #expect(child.waitForExit(timeout: .seconds(10)) == 2)
        let output = child.log()
        #expect(output.contains("config: STREAMJOBS_FLINK_SQL_RUNNER_JAR=\(missing): no such file"), "\(output)")
        #expect(!output.contains("listening"))
    }
}
