import Auth
import AuthStorePostgres
import Foundation
import JSONCodec
import Logging
import PostgresClient
import StreamJobsApp
import Testing
import TestSupport

/// Checkpoints that survive (issue 16): a job's checkpoints are written in its own location inside its
/// project (`obs_bucket` for SQL jobs, `checkpoint_path` for Jar jobs) and retained when it is stopped.
/// The whole service over HTTP, authentication on, on the real cluster.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(4)))
struct CheckpointRetentionFlinkTests {
    /// `serve`'s wiring with an engine on a fresh database, and a token of project `project`.
    final class Service {
        let database: String
        let runtime: ServiceRuntime
        let project = "ckpt\(UInt32.random(in: 0...UInt32.max))"
        let objectRoot: String
        let token: String

        init() throws {
            database = try FlinkTestEnvironment.freshDatabase(label: "ckpt")
            objectRoot = try FlinkTestEnvironment.objectRoot(projects: [project])
            let config = try ServiceConfiguration.fromEnvironment([
                "STREAMJOBS_DATABASE_URL": database, "STREAMJOBS_HTTP_PORT": "0", "STREAMJOBS_HTTP_THREADS": "2",
                "STREAMJOBS_FLINK_URL": try FlinkTestEnvironment.url(), "STREAMJOBS_OBJECT_ROOT": objectRoot,
                "STREAMJOBS_FLINK_SQL_RUNNER_JAR": FlinkTestEnvironment.jarsDirectory + "/sql-runner.jar",
                "STREAMJOBS_ENGINE_POLL_INTERVAL_MS": "300", "STREAMJOBS_ENGINE_SAVEPOINT_ON_DELETE": "false",
                "STREAMJOBS_AUTH": "on", "STREAMJOBS_MASTER_KEY": MasterKey.generate().base64,
            ])
            var logger = Logger(label: "ckpt")
            logger.logLevel = .critical
            runtime = try ServiceRuntime(configuration: config, logger: logger)
            let adminPool = PGPool(conninfo: database, size: 1)
            defer { adminPool.close() }
            token = try PostgresCredentialStore(pool: adminPool, logger: logger).createToken(
                project: project, lifetimeSeconds: 600, description: "ckpt", createdBy: "test"
            ).token
        }

        deinit {
            runtime.shutdown(gracePeriod: .seconds(2))
            TestDatabase.drop(database)
        }

        func send(_ method: String, _ path: String, _ json: String? = nil) throws -> HTTPTestResponse {
            try HTTPTestClient(port: runtime.port).send(
                method: method, target: "/v1.0/\(project)/streaming/\(path)",
                headers: [("X-Auth-Token", token)] + (json == nil ? [] : [("Content-Type", "application/json")]),
                body: json.map { Array($0.utf8) })
        }

        func create(_ path: String, _ fields: (inout JSONWriter) -> Void) throws -> Int64 {
            var body = JSONWriter()
            body.beginObject()
            fields(&body)
            body.endObject()
            let created = try send("POST", path, String(decoding: body.bytes, as: UTF8.self))
            return try #require(try JSONParser.parse(created.body)["job"]?["job_id"]?.int64Value, "\(created.bodyString)")
        }

        func status(_ id: Int64) -> String? {
            (try? JSONParser.parse(send("GET", "jobs/\(id)").body))?["job_detail"]?["status"]?.stringValue
        }

        /// The Flink job id the service runs the job as (from its live execution graph).
        func engineID(_ id: Int64) throws -> String? {
            try JSONParser.parse(send("GET", "jobs/\(id)/execute-graph").body)["execute_graph"]?["jid"]?.stringValue
        }

        /// The local directory of this project's object location `bucket/key`.
        func local(_ location: String) -> String { "\(objectRoot)/projects/\(project)/\(location)" }
    }

    /// The complete checkpoints (`chk-N` holding `_metadata`) in `dir`.
    static func completeCheckpoints(in dir: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasPrefix("chk-") && FileManager.default.fileExists(atPath: "\(dir)/\($0)/_metadata") }.sorted()
    }

    /// Runs `id`, waits for a complete checkpoint in `base/<engine id>/`, stops the job and checks that the
    /// checkpoint is still there once Flink has cancelled it.
    static func expectCheckpointRetainedAfterStop(_ s: Service, _ id: Int64, base: String) throws {
        #expect(try s.send("POST", "jobs/run", #"{"job_ids": [\#(id)]}"#).status == 200)
        #expect(FlinkTestEnvironment.eventually(60) { s.status(id) == "job_running" }, "\(s.status(id) ?? "-")")
        let engineID = try #require(try s.engineID(id))
        let dir = s.local(base) + "/" + engineID
        #expect(FlinkTestEnvironment.eventually(60) { !completeCheckpoints(in: dir).isEmpty }, "no chk-N/_metadata in \(dir)")

        #expect(try s.send("POST", "jobs/stop", #"{"job_ids": [\#(id)], "trigger_savepoint": false}"#).status == 200)
        #expect(FlinkTestEnvironment.eventually(60) { s.status(id) == "job_cancel_success" })
        #expect(FlinkTestEnvironment.eventually(30) { FlinkTestEnvironment.state(engineID) == "CANCELED" })
        // Flink discards a cancelled job's checkpoints asynchronously, unless they are retained.
        sleep(3)
        let kept = completeCheckpoints(in: dir)
        #expect(!kept.isEmpty, "the checkpoints in \(dir) were deleted on cancel")
    }

    @Test func sqlJobKeepsItsCheckpointsUnderItsObsBucketAfterAStop() throws {
        let s = try Service()
        let id = try s.create("sql-jobs") { w in
            w.key("name"); w.string("ckpt-sql")
            w.key("sql_body"); w.string(FlinkTestEnvironment.sqlJob(name: "x").sqlBody!)
            w.key("obs_bucket"); w.string("obs://ckbucket")
            w.key("checkpoint_enabled"); w.bool(true)
            w.key("checkpoint_interval"); w.int(1)
        }
        try Self.expectCheckpointRetainedAfterStop(s, id, base: "ckbucket/jobs/\(id)/checkpoints")
    }

    @Test func jarJobKeepsItsCheckpointsUnderCheckpointPathAfterAStop() throws {
        let s = try Service()
        let id = try s.create("flink-jobs") { w in
            w.key("name"); w.string("ckpt-jar")
            w.key("entrypoint"); w.string("obs://jars/test-jobs.jar")
            w.key("main_class"); w.string("streamjobs.testjobs.SeqJob")
            w.key("entrypoint_args"); w.string("--name ckpt-jar --rps 20")
            w.key("checkpoint_path"); w.string("obs://ckbucket/jar-state")
            w.key("checkpoint_enabled"); w.bool(true)
            w.key("checkpoint_interval"); w.int(1)
        }
        try Self.expectCheckpointRetainedAfterStop(s, id, base: "ckbucket/jar-state")
    }
}
