import Auth
import Glibc
import TestSupport
import Testing

@testable import StreamJobsApp

/// `streamjobs credentials` and `streamjobs audit` as operators run them: the real binary, in a database
/// of its own, with exactly the environment given.
@Suite(.enabled(if: TestDatabase.isConfigured && ChildProcess.streamjobsBinary != nil), .serialized)
struct AdminCommandTests {
    @Test func readsTheConfigurationFileAsServeDoes() throws {
        let database = try Self.database()
        defer { TestDatabase.drop(database) }
        let key = MasterKey(bytes: SecureRandom.bytes(32))
        let path = "/tmp/streamjobs-admin-config-\(getpid())-\(UInt32.random(in: 0 ... .max)).env"
        try ConfigurationFileTests.write(
            """
            STREAMJOBS_DATABASE_URL=\(try TestDatabase.appURL(for: database))
            STREAMJOBS_MIGRATE_DATABASE_URL=\(database)
            STREAMJOBS_MASTER_KEY=\(key.base64)
            """, to: path)
        defer { unlink(path) }
        let environment = ["STREAMJOBS_CONFIG_FILE": path]
        let created = try Self.run(["credentials", "create", "--project", "cfg", "--json"], environment)
        #expect(created.code == 0, "\(created.output)")
        let sealed = try TestDatabase.query(
            "SELECT master_key_id FROM credentials WHERE project_id = $1 AND kind = 'aksk'", ["cfg"], database: database)
        #expect(sealed == [[key.id]], "sealed under the file's master key")
        let listed = try Self.run(["credentials", "list", "--project", "cfg"], environment)
        #expect(listed.code == 0 && listed.output.contains("aksk"), "\(listed.output)")
        let audit = try Self.run(["audit", "--project", "cfg"], environment)
        #expect(audit.code == 0 && audit.output.contains("credentials.create"), "\(audit.output)")
    }

    @Test func refusesTheRuntimeRole() throws {
        let database = try Self.database()
        defer { TestDatabase.drop(database) }
        let owner = try Self.run(["credentials", "create", "--project", "p", "--token"], ["STREAMJOBS_DATABASE_URL": database])
        #expect(owner.code == 0, "\(owner.output)")
        let app = try TestDatabase.appURL(for: database)
        for environment in [["STREAMJOBS_DATABASE_URL": app], ["STREAMJOBS_DATABASE_URL": database, "STREAMJOBS_MIGRATE_DATABASE_URL": app]] {
            for arguments in [
                ["credentials", "list"], ["credentials", "list", "--project", "p"], ["credentials", "create", "--project", "p", "--token"],
                ["credentials", "revoke", "--no-wait", "cred-none"], ["audit", "--project", "p"],
            ] {
                let r = try Self.run(arguments, environment)
                #expect(r.code == 2, "\(arguments): \(r.output)")
                #expect(r.output.contains("STREAMJOBS_MIGRATE_DATABASE_URL"), "\(arguments): \(r.output)")
            }
        }
        #expect(try TestDatabase.query("SELECT count(*) FROM credentials", [], database: database) == [["1"]])
    }

    @Test func refusesAnAccessKeyUnderAnotherMasterKey() throws {
        let database = try Self.database()
        defer { TestDatabase.drop(database) }
        let first = MasterKey(bytes: SecureRandom.bytes(32))
        let other = MasterKey(bytes: SecureRandom.bytes(32))
        func environment(_ key: MasterKey, previous: MasterKey? = nil) -> [String: String] {
            ["STREAMJOBS_DATABASE_URL": database, "STREAMJOBS_MASTER_KEY": key.base64,
             "STREAMJOBS_MASTER_KEY_PREVIOUS": previous?.base64 ?? ""]
        }
        let create = ["credentials", "create", "--project", "a"]
        let onEmpty = try Self.run(create, environment(first))
        #expect(onEmpty.code == 0, "no AK/SK yet: any key: \(onEmpty.output)")
        let token = try Self.run(create + ["--token"], environment(other))
        #expect(token.code == 0, "a token seals nothing: \(token.output)")
        let refused = try Self.run(["credentials", "create", "--project", "b"], environment(other))
        #expect(refused.code == 2, "\(refused.output)")
        #expect(refused.output.contains(first.id) && refused.output.contains(other.id), "\(refused.output)")
        #expect(!refused.output.contains(other.base64) && !refused.output.contains(first.base64))
        let rotated = try Self.run(create, environment(other, previous: first))
        #expect(rotated.code == 0, "the stored key is among the previous keys: \(rotated.output)")
        let sealed = try TestDatabase.query(
            "SELECT master_key_id FROM credentials WHERE kind = 'aksk' ORDER BY created_at", [], database: database)
        #expect(sealed == [[first.id], [other.id]])
    }

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
