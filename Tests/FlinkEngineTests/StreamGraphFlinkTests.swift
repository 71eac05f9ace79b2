import Auth
import AuthStorePostgres
import Foundation
import JSONCodec
import Logging
import PostgresClient
import StreamJobsApp
import Testing
import TestSupport

/// `POST /v3/{project_id}/streaming/jobs/{job_id}/gen-graph` over the whole service (HTTP with authentication
/// on, PostgreSQL, the real Flink cluster): Flink's planner plans the SQL with the job's settings (its UDF
/// jar too) through `POST /jars/{id}/plan`, and no job is started.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(3)))
struct StreamGraphFlinkTests {
    static let sql = """
        CREATE TABLE src (id BIGINT, s STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '5');
        CREATE TABLE snk (id BIGINT, s STRING) WITH ('connector' = 'blackhole');
        CREATE TEMPORARY FUNCTION shout AS 'streamjobs.testudf.Shout';
        INSERT INTO snk SELECT id, shout(s) FROM src WHERE id > 0;
        """

    /// A running service with an engine, a project with the test jars, and its token (JobMetricsFlinkTests
    /// uses it too).
    final class Live {
        let database: String
        let runtime: ServiceRuntime
        let project = "graph\(UInt32.random(in: 0...UInt32.max))"
        let token: String

        init() throws {
            database = try FlinkTestEnvironment.freshDatabase(label: "graph")
            let config = try ServiceConfiguration.fromEnvironment([
                "STREAMJOBS_DATABASE_URL": database, "STREAMJOBS_HTTP_PORT": "0", "STREAMJOBS_HTTP_THREADS": "2",
                "STREAMJOBS_FLINK_URL": try FlinkTestEnvironment.url(),
                "STREAMJOBS_OBJECT_ROOT": try FlinkTestEnvironment.objectRoot(projects: [project]),
                "STREAMJOBS_FLINK_SQL_RUNNER_JAR": FlinkTestEnvironment.jarsDirectory + "/sql-runner.jar",
                "STREAMJOBS_AUTH": "on", "STREAMJOBS_MASTER_KEY": MasterKey.generate().base64,
                "STREAMJOBS_ENGINE_POLL_INTERVAL_MS": "300", "STREAMJOBS_ENGINE_SAVEPOINT_ON_DELETE": "false",
            ])
            var logger = Logger(label: "graph")
            logger.logLevel = .critical
            runtime = try ServiceRuntime(configuration: config, logger: logger)
            let adminPool = PGPool(conninfo: database, size: 1)
            defer { adminPool.close() }
            token = try PostgresCredentialStore(pool: adminPool, logger: logger).createToken(
                project: project, lifetimeSeconds: 600, description: "graph", createdBy: "test"
            ).token
        }

        deinit {
            runtime.shutdown(gracePeriod: .seconds(2))
            TestDatabase.drop(database)
        }

        func send(_ method: String, _ target: String, _ json: String? = nil) throws -> HTTPTestResponse {
            try HTTPTestClient(port: runtime.port, timeout: .seconds(60)).send(
                method: method, target: target,
                headers: [("X-Auth-Token", token)] + (json == nil ? [] : [("Content-Type", "application/json")]),
                body: json.map { Array($0.utf8) })
        }

        /// Creates a SQL job (stored SQL: `SELECT 1`, never run) with `fields` added to the body.
        func createJob(_ name: String, fields: String = "") throws -> Int64 {
            let r = try send(
                "POST", "/v1.0/\(project)/streaming/sql-jobs", #"{"name": "\#(name)", "sql_body": "SELECT 1"\#(fields)}"#)
            return try #require(try JSONParser.parse(r.body)["job"]?["job_id"]?.int64Value, "\(r.bodyString)")
        }

        func graph(_ id: Int64, _ body: [String: JSONValue]) throws -> HTTPTestResponse {
            var w = JSONWriter()
            w.value(.object(JSONObject(uniqueKeysWithValues: body.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })))
            return try send("POST", "/v3/\(project)/streaming/jobs/\(id)/gen-graph", String(decoding: w.bytes, as: UTF8.self))
        }
    }

    /// Names of the cluster's jobs (any state).
    static func clusterJobNames() -> [String] {
        (FlinkTestEnvironment.get("/jobs/overview")?["jobs"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    @Test func theGraphIsFlinksPlanOfTheSQLWithTheJobsUDFJarAndNoJobStarts() throws {
        let live = try Live()
        let name = "graph-\(UInt32.random(in: 0...UInt32.max))"
        let id = try live.createJob(name, fields: #", "udf_jar_url": "obs://jars/test-udf.jar""#)
        let r = try live.graph(id, ["sql_body": .string(Self.sql), "parallel_number": 3])
        #expect(r.status == 200, "\(r.bodyString)")
        let body = try JSONParser.parse(r.body)
        #expect(body["is_success"] == .bool(true) && body["error_code"] == .string(""))
        let text = try #require(body["stream_graph"]?.stringValue, "stream_graph is a string")
        let graph = try JSONParser.parse(Array(text.utf8))
        let nodes = try #require(graph["nodes"]?.arrayValue)
        let source = try #require(nodes.first { $0["name"]?.stringValue?.contains("TableSourceScan(table=[[default_catalog, default_database, src]]") == true })
        let sink = try #require(nodes.first { $0["name"]?.stringValue?.contains("snk") == true })
        #expect(source["name"]?.stringValue?.contains("shout(s)") == true, "the UDF call is planned: \(text)")
        #expect(source["name"]?.stringValue?.contains("(id > 0)") == true, "HTML entities are decoded: \(text)")
        #expect(source["inputs"] == .array([]))
        #expect(sink["inputs"] == .array([source["id"]!]))
        #expect(nodes.allSatisfy { $0["parallelism"]?.int64Value == 3 })
        #expect(graph["operator_list"]?.arrayValue?.count == nodes.count)
        #expect(graph["name"]?.stringValue == name)
        // Planned, not run: the plan's id is no job of the cluster, and no job carries the name.
        let jid = try #require(graph["jid"]?.stringValue)
        #expect(FlinkTestEnvironment.state(jid) == nil)
        #expect(!Self.clusterJobNames().contains(name))
        // The request's SQL is planned, not stored.
        let detail = try JSONParser.parse(try live.send("GET", "/v1.0/\(live.project)/streaming/jobs/\(id)").body)
        #expect(detail["job_detail"]?["sql_body"]?.stringValue == "SELECT 1")
    }

    @Test func jobGraphAddsStrategiesAndTheStoredParallelismApplies() throws {
        let live = try Live()
        let id = try live.createJob("graph-full", fields: #", "udf_jar_url": "obs://jars/test-udf.jar", "parallel_number": 2"#)
        let r = try live.graph(id, ["sql_body": .string(Self.sql), "graph_type": "job_graph"])
        #expect(r.status == 200, "\(r.bodyString)")
        let graph = try JSONParser.parse(Array(try #require(try JSONParser.parse(r.body)["stream_graph"]?.stringValue).utf8))
        let nodes = try #require(graph["nodes"]?.arrayValue)
        #expect(nodes.allSatisfy { $0["parallelism"]?.int64Value == 2 })
        let sink = try #require(nodes.first { $0["inputs"]?.arrayValue?.isEmpty == false })
        let input = try #require(sink["inputs"]?.arrayValue?.first)
        #expect(input["ship_strategy"]?.stringValue == "FORWARD", "\(graph)")
        #expect(input["exchange"]?.stringValue?.isEmpty == false)
        #expect(sink["operator_strategy"] != nil && sink["operator"] != nil)
    }

    @Test func sqlThePlannerRefusesIsDLI0005WithItsReason() throws {
        let live = try Live()
        let id = try live.createJob("graph-bad")
        let bad = "CREATE TABLE snk (a INT) WITH ('connector' = 'blackhole'); INSERT INTO snk SELECT a FROM nosuchtable;"
        let r = try live.graph(id, ["sql_body": .string(bad)])
        #expect(r.status == 400, "\(r.bodyString)")
        let error = try JSONParser.parse(r.body)
        #expect(error["error_code"] == "DLI.0005")
        #expect(error["error_msg"]?.stringValue?.contains("Object 'nosuchtable' not found") == true, "\(r.bodyString)")
        // Without its UDF jar the job's SQL cannot be planned: Flink names the missing class.
        let udf = try live.graph(id, ["sql_body": .string(Self.sql)])
        #expect(udf.status == 400 && udf.bodyString.contains("streamjobs.testudf.Shout"), "\(udf.bodyString)")
    }
}
