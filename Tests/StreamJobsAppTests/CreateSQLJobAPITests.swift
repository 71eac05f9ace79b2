import JSONCodec
import Testing
import TestSupport

/// POST /v1.0/{project_id}/streaming/sql-jobs end to end: validation and what is stored.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct CreateSQLJobAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated(), extra: ["STREAMJOBS_MAX_BODY_BYTES": "65536"].merging(LiveService.alarmReceiver) { $1 }) }

    func create(_ project: String, _ json: String) throws -> HTTPTestResponse {
        try service.send("POST", "/v1.0/\(project)/streaming/sql-jobs", json: json)
    }

    func jobCount(_ project: String) throws -> String? {
        try TestDatabase.query("SELECT count(*) FROM jobs WHERE project_id = $1", [project]).first?.first ?? nil
    }

    @Test func everyFieldIsStoredAndShown() throws {
        let p = uniqueProject()
        let body = #"""
            {"name": "full", "desc": "d", "queue_name": "q", "sql_body": "SELECT ';'", "run_mode": "exclusive_cluster",
             "cu_number": 4, "parallel_number": 2, "checkpoint_enabled": true, "checkpoint_mode": 2, "checkpoint_interval": 30,
             "obs_bucket": "bkt", "log_enabled": true, "smn_topic": "t", "restart_when_exception": true, "idle_state_retention": 60,
             "job_type": "flink_sql_job", "edge_group_ids": ["e1"], "dirty_data_strategy": "1", "udf_jar_url": "obs://bkt/u.jar",
             "manager_cu_number": 1, "tm_cus": 1, "tm_slot_num": 2, "resume_checkpoint": true, "resume_max_num": 3,
             "tags": [{"key": "team", "value": "data"}], "runtime_config": "[]", "flink_version": "1.15",
             "resource_config_version": "v2", "resource_config": {"max_slot": 2, "jobmanager_resource_spec": {"cpu": 1.5, "memory": "4G"}},
             "unknown_field": {"ignored": true}, "operator_config": null}
            """#
        let r = try create(p, body)
        #expect(r.status == 200, "\(r.bodyString)")
        let id = try #require(try r.json()["job"]?["job_id"]?.int64Value)
        let d = try #require(try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)").json()["job_detail"])
        #expect(d["desc"] == .string("d") && d["queue_name"] == .string("q") && d["sql_body"] == .string("SELECT ';'"))
        #expect(d["run_mode"] == .string("exclusive_cluster") && d["job_type"] == .string("flink_sql_job"))
        #expect(d["tags"] == .array([.object(JSONObject(uniqueKeysWithValues: [("key", .string("team")), ("value", .string("data"))]))]))
        let c = try #require(d["job_config"])
        #expect(c["cu_number"]?.int64Value == 4 && c["parallel_number"]?.int64Value == 2)
        #expect(c["checkpoint_mode"] == .string("at_least_once") && c["checkpoint_interval"]?.int64Value == 30)
        #expect(c["checkpoint_enabled"] == .bool(true) && c["log_enabled"] == .bool(true))
        #expect(c["resume_max_num"]?.int64Value == 3 && c["tm_slot_num"]?.int64Value == 2)
        #expect(c["resource_config"]?["jobmanager_resource_spec"]?["memory"] == .string("4G"))
        #expect(c["dirty_data_strategy"] == .string("1"))
        #expect(c["operator_config"] == .null)
    }

    static let invalidBodies: [(String, String)] = [
        (#"{"sql_body": "x"}"#, "'name'"),
        (#"{"name": ""}"#, "'name'"),
        (#"{"name": 5}"#, "'name'"),
        (#"{"name": "\#(String(repeating: "n", count: 58))"}"#, "'name'"),
        (#"{"name": "a\u0001b"}"#, "'name'"),
        (#"{"name": "a", "cu_number": "2"}"#, "'cu_number'"),
        (#"{"name": "a", "cu_number": 2.5}"#, "'cu_number'"),
        (#"{"name": "a", "cu_number": 0}"#, "'cu_number'"),
        (#"{"name": "a", "parallel_number": 2001}"#, "'parallel_number'"),
        (#"{"name": "a", "checkpoint_mode": 3}"#, "'checkpoint_mode'"),
        (#"{"name": "a", "checkpoint_enabled": "true"}"#, "'checkpoint_enabled'"),
        (#"{"name": "a", "run_mode": "cloud"}"#, "'run_mode'"),
        (#"{"name": "a", "job_type": "flink_jar_job"}"#, "'job_type'"),
        (#"{"name": "a", "tags": {"k": "v"}}"#, "'tags'"),
        (#"{"name": "a", "tags": [{"key": "k"}]}"#, "'tags[0].value'"),
        (#"{"name": "a", "tags": [{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]}"#, "'tags'"),
        (#"{"name": "a", "edge_group_ids": [1]}"#, "'edge_group_ids[0]'"),
        (#"{"name": "a", "resource_config": {"jobmanager_resource_spec": {"cpu": 0.1}}}"#, "'resource_config.jobmanager_resource_spec.cpu'"),
        (#"{"name": "a", "dirty_data_strategy": "7"}"#, "'dirty_data_strategy'"),
        // Flink's formats skip or fail on unparsable rows; nothing could save them.
        (#"{"name": "a", "dirty_data_strategy": "2:obs://bkt/dirty"}"#, "'dirty_data_strategy': saving unparsable rows"),
        (#"{"name": "a", "resume_max_num": 0}"#, "'resume_max_num'"),
        (#"{"name": "a", "desc": "\#(String(repeating: "d", count: 2049))"}"#, "'desc'"),
        (#"{"name": "a",}"#, "'body'"),
        (#"{"name": "a"} x"#, "'body'"),
        (#"[{"name": "a"}]"#, "'body'"),
        (#""name""#, "'body'"),
        (#"{"name": "a", "name": "b"}"#, "'body'"),
        (String(repeating: "[", count: 40) + String(repeating: "]", count: 40), "'body'"),
        (#"{"name": "a", "x": \#(String(repeating: "{\"a\":", count: 20))1\#(String(repeating: "}", count: 20))}"#, "'body'"),
    ]

    @Test("invalid bodies are 400 DLI.0001 naming the field, and write nothing", arguments: invalidBodies)
    func invalidBody(json: String, field: String) throws {
        let p = uniqueProject()
        let r = try create(p, json)
        #expect(r.status == 400, "\(r.bodyString)")
        #expect(r.errorCode == "DLI.0001")
        let message = try r.json()["error_msg"]?.stringValue ?? ""
        #expect(message.contains(field), "\(message)")
        #expect(try jobCount(p) == "0")
    }

    @Test func emptyBodyAndWrongContentTypeAreRefused() throws {
        let p = uniqueProject()
        let empty = try service.send("POST", "/v1.0/\(p)/streaming/sql-jobs", headers: [("Content-Type", "application/json"), ("Content-Length", "0")])
        #expect(empty.status == 400 && empty.errorCode == "DLI.0001")
        let form = try service.client().send(
            method: "POST", target: "/v1.0/\(p)/streaming/sql-jobs",
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(#"{"name":"a"}"#.utf8))
        #expect(form.status == 415 && form.errorCode == "DLI.0001")
        #expect(try jobCount(p) == "0")
    }

    @Test func oversizedBodyIs413() throws {
        let p = uniqueProject()
        let big = #"{"name": "big", "sql_body": "\#(String(repeating: "x", count: 70_000))"}"#
        let r = try create(p, big)
        #expect(r.status == 413 && r.errorCode == "DLI.0001")
        let chunked = try service.client().send(
            method: "POST", target: "/v1.0/\(p)/streaming/sql-jobs", headers: [("Content-Type", "application/json")],
            body: Array(big.utf8), chunked: true, chunkSize: 8192)
        #expect(chunked.status == 413)
        #expect(try jobCount(p) == "0")
    }

    @Test func duplicateNameIsDLI0006AndADeletedNameIsReusable() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "dup")
        let again = try create(p, #"{"name": "dup"}"#)
        #expect(again.status == 400 && again.errorCode == "DLI.0006")
        #expect(try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)").status == 200)
        #expect(try create(p, #"{"name": "dup"}"#).status == 200)
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() throws {
        let p = uniqueProject()
        let client = try service.client()
        for i in 0..<5 {
            let r = try client.send(
                method: "POST", target: "/v1.0/\(p)/streaming/sql-jobs", headers: [("Content-Type", "application/json")],
                body: Array(#"{"name": "k\#(i)"}"#.utf8))
            #expect(r.status == 200)
            #expect(r.header("Connection")?.lowercased() != "close")
        }
    }
}
