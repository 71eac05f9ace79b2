import Glibc
import TestSupport
import Testing

@testable import StreamJobsApp

/// `streamjobs credentials` and `streamjobs audit` as operators run them: the real binary, in a database
/// of its own, with exactly the environment given.
@Suite(.enabled(if: TestDatabase.isConfigured && ChildProcess.streamjobsBinary != nil), .serialized)
struct AdminCommandTests {
    @Test func auditShowsTheNewestEventsFirst() throws {
        let database = try Self.database()
        defer { TestDatabase.drop(database) }
        let environment = ["STREAMJOBS_DATABASE_URL": database]
        for _ in 0..<5 {
            let r = try Self.run(["credentials", "create", "--project", "p", "--token"], environment)
            #expect(r.code == 0, "\(r.output)")
        }
        let ids = try TestDatabase.query(
            "SELECT credential_id FROM credentials WHERE project_id = $1 ORDER BY created_at DESC", ["p"], database: database
        ).compactMap { $0[0] }
        try #require(ids.count == 5)
        for json in [false, true] {
            let r = try Self.run(["audit", "--project", "p", "--limit", "3"] + (json ? ["--json"] : []), environment)
            #expect(r.code == 0, "\(r.output)")
            let lines = r.output.split(separator: "\n")
            #expect(lines.count == 3, "\(r.output)")
            for (line, id) in zip(lines, ids.prefix(3)) {
                #expect(line.contains(id), "newest first (json: \(json)): \(r.output)")
            }
        }
    }

    @Test func helpStatesEachDefaultOnce() throws {
        for command in [["credentials", "create"], ["credentials", "list"], ["credentials", "revoke"], ["audit"]] {
            let r = try Self.run(command + ["--help"], ["COLUMNS": "1000"])
            #expect(r.code == 0 && r.output.contains("--"), "\(command): \(r.output)")
            for line in r.output.split(separator: "\n") where line.contains("--") {
                #expect(line.ranges(of: "default").count <= 1, "ArgumentParser prints the default: \(command): \(line)")
            }
        }
    }

    /// A new database with every migration applied; the caller drops it.
    static func database() throws -> String {
        let url = try TestDatabase.create(label: "admin")
        try TestDatabase.migrate(url)
        return url
    }

    /// Runs `streamjobs arguments…` with exactly `environment`; its exit code and output (both streams).
    static func run(_ arguments: [String], _ environment: [String: String]) throws -> (code: Int32?, output: String) {
        let binary = try #require(ChildProcess.streamjobsBinary)
        let log = "/tmp/streamjobs-admin-\(getpid())-\(UInt32.random(in: 0 ... .max)).log"
        defer { unlink(log) }
        let child = try ChildProcess(path: binary, arguments: arguments, environment: environment, logPath: log)
        let code = child.waitForExit(timeout: .seconds(30))
        return (code, child.log())
    }
}
