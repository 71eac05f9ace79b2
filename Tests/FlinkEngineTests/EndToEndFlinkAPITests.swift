import Auth
import AuthStorePostgres
import Foundation
import JSONCodec
import Logging
import PostgresClient
import StreamJobsApp
import Testing
import TestSupport

/// The whole service as a user runs it: `serve`'s wiring with an engine, driven over real HTTP, on a
/// real Flink cluster. Create a SQL job, run it, read its live plan, delete it while it runs.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(3)))
struct EndToEndFlinkAPITests {
    @Test func runReadPlanAndDeleteARunningSQLJobOverHTTP() throws {
        let database = try FlinkTestEnvironment.freshDatabase(label: "e2e")
        defer { TestDatabase.drop(database) }
        let config = try ServiceConfiguration.fromEnvironment([
            "STREAMJOBS_DATABASE_URL": database, "STREAMJOBS_HTTP_PORT": "0", "STREAMJOBS_HTTP_THREADS": "2",
            "STREAMJOBS_FLINK_URL": try FlinkTestEnvironment.url(), "STREAMJOBS_OBJECT_ROOT": try FlinkTestEnvironment.objectRoot(),
            "STREAMJOBS_FLINK_SQL_RUNNER_JAR": FlinkTestEnvironment.jarsDirectory + "/sql-runner.jar",
            "STREAMJOBS_ENGINE_POLL_INTERVAL_MS": "300", "STREAMJOBS_ENGINE_SAVEPOINT_ON_DELETE": "false",
            "STREAMJOBS_AUTH": "on", "STREAMJOBS_MASTER_KEY": MasterKey.generate().base64,
        ])
        var logger = Logger(label: "e2e")
        logger.logLevel = .critical
        let runtime = try ServiceRuntime(configuration: config, logger: logger)
        defer { runtime.shutdown(gracePeriod: .seconds(2)) }
        let p = "e2e\(UInt32.random(in: 0...UInt32.max))"
        // A token of the job's project, made as `streamjobs credentials create --token` makes it.
        let adminPool = PGPool(conninfo: database, size: 1)
        defer { adminPool.close() }
        let token = try PostgresCredentialStore(pool: adminPool, logger: logger).createToken(
            project: p, lifetimeSeconds: 600, description: "e2e", createdBy: "test"
        ).token
        func send(_ method: String, _ target: String, _ json: String? = nil) throws -> HTTPTestResponse {
            try HTTPTestClient(port: runtime.port).send(
                method: method, target: target,
                headers: [("X-Auth-Token", token)] + (json == nil ? [] : [("Content-Type", "application/json")]),
                body: json.map { Array($0.utf8) })
        }
        // /readyz probes the configured cluster (it reports, it does not decide readiness).
        let ready = try send("GET", "/readyz")
        #expect(ready.status == 200 && String(decoding: ready.body, as: UTF8.self).contains(#""engine":"up""#))
        let sql = FlinkTestEnvironment.sqlJob(name: "x").sqlBody!
        var body = JSONWriter()
        body.beginObject()
        body.key("name"); body.string("e2e-sql")
        body.key("sql_body"); body.string(sql)
        body.endObject()
        let created = try send("POST", "/v1.0/\(p)/streaming/sql-jobs", String(decoding: body.bytes, as: UTF8.self))
        let id = try #require(try JSONParser.parse(created.body)["job"]?["job_id"]?.int64Value)
        let started = Date()
        #expect(try send("POST", "/v1.0/\(p)/streaming/jobs/run", #"{"job_ids": [\#(id)]}"#).status == 200)
        func status() -> String? {
            (try? JSONParser.parse(send("GET", "/v1.0/\(p)/streaming/jobs/\(id)").body))?["job_detail"]?["status"]?.stringValue
        }
        #expect(FlinkTestEnvironment.eventually(60) { status() == "job_running" })
        print("run request -> job_running over HTTP: \(String(format: "%.2f", Date().timeIntervalSince(started))) s")

        let graph = try send("GET", "/v1.0/\(p)/streaming/jobs/\(id)/execute-graph")
        #expect(graph.status == 200, "\(graph.bodyString)")
        let plan = try JSONParser.parse(graph.body)["execute_graph"]
        #expect(plan?["state"] == .string("RUNNING"))
        #expect(plan?["end-time"]?.int64Value == -1)
        let jid = try #require(plan?["jid"]?.stringValue)
        #expect(FlinkTestEnvironment.state(jid) == "RUNNING")

        #expect(try send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)").status == 200)
        #expect(try send("GET", "/v1.0/\(p)/streaming/jobs/\(id)").status == 400)
        #expect(FlinkTestEnvironment.eventually(30) { FlinkTestEnvironment.state(jid) == "CANCELED" })
    }
}
