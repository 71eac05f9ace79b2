import Auth
import Foundation
import Glibc
import JSONCodec
import Testing
import TestSupport

/// The install layout is the product: a prefix made by `scripts/install` and copied elsewhere, run from
/// a folder outside the checkout with only documented configuration keys (none naming a data file: the
/// binary finds its migrations, SQL runner jar and API document from its own path) and authentication
/// on, migrates a fresh database, makes a token, serves, runs a SQL job to `job_running` on the test
/// Flink cluster and deletes it, which takes it off the cluster.
@Suite(.enabled(if: InstalledArtefact.isConfigured), .timeLimit(.minutes(4)))
struct InstalledArtefactTests {
    @Test func aCopiedInstallRunsASQLJobOnFlinkAndDeletesIt() throws {
        let prefix = try InstalledArtefact.prefix()
        let flink = try FlinkTestEnvironment.url()
        let database = try TestDatabase.create(label: "installed")
        defer { TestDatabase.drop(database) }
        let work = "/tmp/streamjobs-installed-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: work + "/objects", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let installed = InstalledCommand(binary: prefix + "/bin/streamjobs", workingDirectory: work)
        let masterKey = MasterKey.generate().base64
        let project = "inst\(UInt32.random(in: 0...UInt32.max))"

        // As an operator runs it: migrate as the tables' owner, a token made by the admin command.
        let migrate = try installed.run(["migrate", "up"], ["STREAMJOBS_MIGRATE_DATABASE_URL": database])
        #expect(migrate.status == 0, "\(migrate.output)")
        let credentials = try installed.run(
            ["credentials", "create", "--project", project, "--token", "--json"],
            ["STREAMJOBS_MIGRATE_DATABASE_URL": database, "STREAMJOBS_MASTER_KEY": masterKey])
        #expect(credentials.status == 0, "\(credentials.output)")
        let line = try #require(credentials.output.split(separator: "\n").last { $0.hasPrefix("{") }, "\(credentials.output)")
        let token = try #require(try JSONParser.parse(Array(line.utf8))["token"]?.stringValue)

        let port = ChildProcess.freePort()
        let serve = try installed.start(
            ["serve"],
            [
                "STREAMJOBS_DATABASE_URL": try TestDatabase.appURL(for: database), "STREAMJOBS_MASTER_KEY": masterKey,
                "STREAMJOBS_HTTP_PORT": "\(port)", "STREAMJOBS_FLINK_URL": flink, "STREAMJOBS_OBJECT_ROOT": work + "/objects",
                "STREAMJOBS_ENGINE_POLL_INTERVAL_MS": "300", "STREAMJOBS_LOG_FORMAT": "text",
            ])
        func send(_ method: String, _ target: String, _ json: String? = nil) throws -> HTTPTestResponse {
            try HTTPTestClient(port: port).send(
                method: method, target: target,
                headers: [("X-Auth-Token", token)] + (json == nil ? [] : [("Content-Type", "application/json")]),
                body: json.map { Array($0.utf8) })
        }
        let up = FlinkTestEnvironment.eventually(15) { (try? send("GET", "/healthz"))?.status == 200 }
        try #require(up, "serve did not answer /healthz: \(serve.log())")

        let ready = try send("GET", "/readyz")
        #expect(ready.status == 200, "\(ready.bodyString)")
        #expect(ready.bodyString.contains(#""engine":"up","config":"ok""#), "\(ready.bodyString)")
        let document = try send("GET", "/openapi.json")
        #expect(document.status == 200)
        #expect(document.body == Array(try Data(contentsOf: URL(fileURLWithPath: prefix + "/share/streamjobs/openapi.json"))))
        #expect(try HTTPTestClient(port: port).send(method: "GET", target: "/v1.0/\(project)/streaming/jobs").status == 401)

        var body = JSONWriter()
        body.beginObject()
        body.field("name", "installed-\(project)")
        body.field("sql_body", FlinkTestEnvironment.sqlJob(name: "installed").sqlBody)
        body.endObject()
        let created = try send("POST", "/v1.0/\(project)/streaming/sql-jobs", String(decoding: body.bytes, as: UTF8.self))
        #expect(created.status == 200, "\(created.bodyString)")
        let id = try #require(try JSONParser.parse(created.body)["job"]?["job_id"]?.int64Value)
        #expect(try send("POST", "/v1.0/\(project)/streaming/jobs/run", #"{"job_ids": [\#(id)]}"#).status == 200)
        func status() -> String? {
            (try? JSONParser.parse(send("GET", "/v1.0/\(project)/streaming/jobs/\(id)").body))?["job_detail"]?["status"]?.stringValue
        }
        let running = FlinkTestEnvironment.eventually(90) { status() == "job_running" }
        try #require(running, "status \(status() ?? "none"); serve's log:\n\(serve.log())")
        let graph = try send("GET", "/v1.0/\(project)/streaming/jobs/\(id)/execute-graph")
        let jid = try #require(try JSONParser.parse(graph.body)["execute_graph"]?["jid"]?.stringValue, "\(graph.bodyString)")
        #expect(FlinkTestEnvironment.state(jid) == "RUNNING")

        // Deleting a running job stops it with a savepoint (the default) into the object root Flink shares.
        #expect(try send("DELETE", "/v1.0/\(project)/streaming/jobs/\(id)").status == 200)
        let left = FlinkTestEnvironment.eventually(60) { ["CANCELED", "FINISHED"].contains(FlinkTestEnvironment.state(jid) ?? "") }
        #expect(left, "Flink still has \(jid) as \(FlinkTestEnvironment.state(jid) ?? "?"); serve's log:\n\(serve.log())")

        serve.signal(SIGTERM)
        #expect(serve.waitForExit(timeout: .seconds(20)) == 0, "\(serve.log())")
    }
}

/// The installed binary run with exactly the given environment (nothing inherited from the test: no
/// STREAMJOBS_MIGRATIONS_DIR, STREAMJOBS_REPO_ROOT, PATH) from a working directory outside the checkout.
struct InstalledCommand {
    let binary: String
    let workingDirectory: String

    /// Runs `arguments` to completion (at most 60 s); its exit status and combined output.
    func run(_ arguments: [String], _ environment: [String: String]) throws -> (status: Int32?, output: String) {
        let child = try start(arguments, environment)
        let status = child.waitForExit(timeout: .seconds(60))
        return (status, child.log())
    }

    /// Starts `arguments`; its output goes to a log file in the working directory.
    func start(_ arguments: [String], _ environment: [String: String]) throws -> ChildProcess {
        let log = "\(workingDirectory)/\(arguments[0])-\(UInt32.random(in: 0...UInt32.max)).log"
        return try ChildProcess(
            path: binary, arguments: arguments, environment: environment, logPath: log, workingDirectory: workingDirectory)
    }
}
