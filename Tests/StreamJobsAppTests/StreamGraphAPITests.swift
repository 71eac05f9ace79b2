import Foundation
import JSONCodec
import Testing
import TestSupport

/// `POST /v3/{project_id}/streaming/jobs/{job_id}/gen-graph` over HTTP with authentication on, on a service
/// without an engine (or with an unreachable one): routing (the one /v3 route), validation, project scope,
/// and the answers without an engine: 400 DLI.0007 when none is configured, 503 when it cannot be reached. Planning itself is tested on real Flink (FlinkEngineTests/StreamGraphFlinkTests).
@Suite(.enabled(if: TestDatabase.isConfigured)) struct StreamGraphAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated()) }

    func graph(_ p: String, _ id: Int64, _ json: String = #"{"sql_body": "INSERT INTO b SELECT * FROM a"}"#) throws
        -> HTTPTestResponse
    {
        try service.send("POST", "/v3/\(p)/streaming/jobs/\(id)/gen-graph", json: json)
    }

    @Test func withoutAnEngineTheAnswerIsDLI0007ForAnExistingSQLJob() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "g")
        let r = try graph(p, id)
        #expect(r.status == 400 && r.errorCode == "DLI.0007", "\(r.bodyString)")
        #expect(r.bodyString.contains("no engine configured"))
    }

    @Test func aJobOfAnotherProjectOrNoneIsDLI16001() throws {
        let p = uniqueProject()
        let foreign = try service.createJob(project: uniqueProject(), name: "f")
        #expect(try graph(p, foreign).errorCode == "DLI.16001")
        #expect(try graph(p, foreign + 1_000_000).errorCode == "DLI.16001")
        let id = try service.createJob(project: p, name: "gone")
        #expect(try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)").status == 200)
        #expect(try graph(p, id).errorCode == "DLI.16001")
    }

    @Test func aJarJobIsDLI0007() throws {
        let p = uniqueProject()
        let created = try service.send(
            "POST", "/v1.0/\(p)/streaming/flink-jobs", json: #"{"name": "j", "entrypoint": "obs://bkt/a.jar"}"#)
        let id = try #require(try created.json()["job"]?["job_id"]?.int64Value, "\(created.bodyString)")
        let r = try graph(p, id)
        #expect(r.status == 400 && r.errorCode == "DLI.0007", "\(r.bodyString)")
    }

    @Test func fieldsThatCannotShapeAPlanAreRefusedNamingTheField() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "v")
        let cases: [(String, String)] = [
            (#"{}"#, "sql_body"),
            (#"{"sql_body": ""}"#, "sql_body"),
            (#"{"sql_body": "x", "graph_type": "pretty"}"#, "graph_type"),
            (#"{"sql_body": "x", "static_estimator": true}"#, "static_estimator"),
            (#"{"sql_body": "x", "static_estimator_config": "{}"}"#, "static_estimator_config"),
            (#"{"sql_body": "x", "operator_config": "{}"}"#, "operator_config"),
            (#"{"sql_body": "x", "job_type": "flink_jar_job"}"#, "job_type"),
            (#"{"sql_body": "x", "flink_version": "1.12"}"#, "flink_version"),
            (#"{"sql_body": "x", "cu_number": 4}"#, "cu_number"),
            (#"{"sql_body": "x", "manager_cu_number": 2}"#, "manager_cu_number"),
            (#"{"sql_body": "x", "tm_cus": 2}"#, "tm_cus"),
            (#"{"sql_body": "x", "tm_slot_num": 2}"#, "tm_slot_num"),
            (#"{"sql_body": "x", "parallel_number": 0}"#, "parallel_number"),
        ]
        for (body, field) in cases {
            let r = try graph(p, id, body)
            #expect(r.status == 400 && r.errorCode == "DLI.0001" && r.bodyString.contains("'\(field)'"), "\(body): \(r.bodyString)")
        }
        // DLI's defaults, static_estimator false and the SDK's job type pass validation (then: no engine).
        let defaults =
            #"{"sql_body": "x", "cu_number": 2, "manager_cu_number": 1, "tm_cus": 1, "static_estimator": false, "#
            + #""job_type": "flink_opensource_sql_job", "graph_type": "job_graph", "flink_version": "2.3", "parallel_number": 3}"#
        #expect(try graph(p, id, defaults).errorCode == "DLI.0007")
    }

    @Test func authenticationAppliesToTheV3Route() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "a")
        let r = try service.send(
            "POST", "/v3/\(p)/streaming/jobs/\(id)/gen-graph", json: #"{"sql_body": "x"}"#,
            headers: [("X-Auth-Token", "not-a-token")])
        #expect(r.status == 401 && r.errorCode == "DLI.0013", "\(r.bodyString)")
        #expect(try service.send("GET", "/v3/\(p)/streaming/jobs/\(id)/gen-graph").status == 405)
    }

    @Test func anUnreachableEngineIs503WithRetryAfter() throws {
        let jar = "/tmp/streamjobs-gengraph-\(UInt64.random(in: 0...UInt64.max)).jar"
        _ = FileManager.default.createFile(atPath: jar, contents: Data())
        defer { try? FileManager.default.removeItem(atPath: jar) }
        let down = try LiveService(
            databaseURL: TestDatabase.migrated(),
            extra: ["STREAMJOBS_FLINK_URL": "http://127.0.0.1:1", "STREAMJOBS_FLINK_SQL_RUNNER_JAR": jar])
        let p = uniqueProject()
        let id = try down.createJob(project: p, name: "d")
        let r = try down.send("POST", "/v3/\(p)/streaming/jobs/\(id)/gen-graph", json: #"{"sql_body": "x"}"#)
        #expect(r.status == 503 && r.errorCode == "DLI.0999" && r.header("Retry-After") == "5", "\(r.bodyString)")
        #expect(r.bodyString.contains("The engine cannot be reached"))
    }
}
