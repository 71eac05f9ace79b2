import Auth
import Foundation
import Glibc
import PostgresClient
import Testing
import TestSupport

/// The service killed with SIGKILL during a write load and started again: no job is left in a state
/// its journal does not explain, and no transition is half-applied.
@Suite(.enabled(if: TestDatabase.isConfigured && ChildProcess.streamjobsBinary != nil), .serialized)
struct ServiceKillFaultTests {
    @Test func sigkillLeavesEveryJobExplainedByItsJournal() throws {
        let binary = try #require(ChildProcess.streamjobsBinary)
        let database = try TestDatabase.migrated()
        let port = ChildProcess.freePort()
        let tokens = ProjectTokens(databaseURL: database)
        let environment = [
            "STREAMJOBS_DATABASE_URL": try TestDatabase.appURL(for: database), "STREAMJOBS_HTTP_PORT": "\(port)",
            "STREAMJOBS_HTTP_THREADS": "4", "STREAMJOBS_MIGRATIONS_DIR": TestDatabase.repositoryMigrationsDirectory,
            "STREAMJOBS_AUTH": "on", "STREAMJOBS_MASTER_KEY": MasterKey.generate().base64,
            "STREAMJOBS_LOG_FORMAT": "json", "PATH": "/usr/bin:/bin",
        ]
        let log = "/tmp/streamjobs-kill-test-\(getpid())"
        let first = try ChildProcess(path: binary, arguments: ["serve"], environment: environment, logPath: log + "-1.log")
        try ShutdownUnderLoadTests().waitUntilHealthy(port: port, child: first)
        let load = WriteLoad(endpoint: LiveEndpoint(port: port, tokens: tokens), project: uniqueProject("kill"))
        let threads = load.start(threads: 6)
        usleep(1_500_000)
        first.signal(SIGKILL)
        #expect(first.waitForExit(timeout: .seconds(10)) != nil)
        load.stop()
        for thread in threads { while !thread.isFinished { usleep(10_000) } }

        let second = try ChildProcess(path: binary, arguments: ["serve"], environment: environment, logPath: log + "-2.log")
        defer {
            second.signal(SIGTERM)
            _ = second.waitForExit(timeout: .seconds(10))
        }
        try ShutdownUnderLoadTests().waitUntilHealthy(port: port, child: second)
        #expect(
            try LiveEndpoint(port: port, tokens: tokens).client().send(method: "GET", target: "/v1.0/\(load.project)/streaming/jobs")
                .status == 200)

        // Invariants, checked as the table owner: each job's status, version and deletion are exactly
        // what its last journal entry says, and the journal has no gaps.
        let admin = try PGConnection(conninfo: database)
        defer { admin.close() }
        let unexplained = PGStatement(
            name: "fault_unexplained",
            sql: """
                SELECT j.job_id FROM jobs j
                LEFT JOIN job_journal l ON l.project_id = j.project_id AND l.job_id = j.job_id AND l.version = j.version
                WHERE j.project_id = $1 AND (l.version IS NULL OR l.to_status <> j.status
                    OR (j.deleted_at IS NOT NULL) <> EXISTS (SELECT 1 FROM job_journal d WHERE d.project_id = j.project_id
                        AND d.job_id = j.job_id AND d.deleted)
                    OR (SELECT count(*) FROM job_journal c WHERE c.project_id = j.project_id AND c.job_id = j.job_id) <> j.version)
                """)
        let bad = try admin.execute(unexplained, [load.project])
        let count = try admin.execute(
            PGStatement(name: "fault_count", sql: "SELECT count(*) FROM jobs WHERE project_id = $1"), [load.project])
        print("kill: \(load.all.count) requests, \(count.int64(0, 0) ?? 0) jobs stored")
        #expect((count.int64(0, 0) ?? 0) > 10)
        #expect(bad.rowCount == 0, "jobs whose journal does not explain them: \(bad.rowCount)")
    }
}
