import JSONCodec
import Testing
import TestSupport

/// Updating SQL and Jar jobs, and creating Jar jobs, end to end.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct UpdateJobAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated(), extra: LiveService.alarmReceiver) }

    func detail(_ p: String, _ id: Int64) throws -> JSONValue {
        try #require(try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)").json()["job_detail"])
    }

    @Test func updateSQLJobChangesOnlyWhatIsSent() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "before")
        let created = try detail(p, id)
        let r = try service.send(
            "PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)",
            json: #"{"name": "after", "sql_body": "SELECT 2", "cu_number": 6, "checkpoint_mode": 2, "desc": null, "operator_config": ""}"#)
        #expect(r.status == 200, "\(r.bodyString)")
        let body = try r.json()
        #expect(body["is_success"] == .string("true"))
        let updateTime = try #require(body["job"]?["update_time"]?.int64Value)
        #expect(updateTime >= created["update_time"]?.int64Value ?? .max)
        let d = try detail(p, id)
        #expect(d["name"] == .string("after") && d["sql_body"] == .string("SELECT 2"))
        #expect(d["job_config"]?["cu_number"]?.int64Value == 6)
        #expect(d["job_config"]?["checkpoint_mode"] == .string("at_least_once"))
        #expect(d["job_config"]?["parallel_number"]?.int64Value == 1)  // untouched
        #expect(d["update_time"]?.int64Value == updateTime)
        let journal = try TestDatabase.query(
            "SELECT event FROM job_journal WHERE project_id = $1 AND job_id = $2 ORDER BY version", [p, String(id)])
        #expect(journal.map { $0[0] } == ["create", "update"])
    }

    @Test func updateValidationAndStateRules() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "rules")
        let other = try service.createJob(project: p, name: "taken")
        _ = other
        #expect(try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"cu_number": "x"}"#).errorCode == "DLI.0001")
        #expect(try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"name": "taken"}"#).errorCode == "DLI.0006")
        #expect(try service.send("PUT", "/v1.0/\(p)/streaming/flink-jobs/\(id)", json: #"{"main_class": "a.B"}"#).errorCode == "DLI.0007")
        #expect(try service.send("PUT", "/v1.0/\(uniqueProject())/streaming/sql-jobs/\(id)", json: #"{"name": "x"}"#).errorCode == "DLI.16001")
        // A running job accepts only in-place changes (alarm topic, restart policy, bucket).
        let run = try service.send("POST", "/v1.0/\(p)/streaming/jobs/run", json: #"{"job_ids": [\#(id)]}"#)
        #expect(run.status == 200)
        let unsafe = try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"sql_body": "SELECT 9"}"#)
        #expect(unsafe.status == 400 && unsafe.errorCode == "DLI.0007")
        let safe = try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"smn_topic": "alerts", "restart_when_exception": true}"#)
        #expect(safe.status == 200)
        #expect(try detail(p, id)["job_config"]?["smn_topic"] == .string("alerts"))
        #expect(try detail(p, id)["sql_body"] == .string("SELECT 1"))
    }

    @Test func jarJobsAreCreatedAndUpdated() throws {
        let p = uniqueProject()
        let r = try service.send(
            "POST", "/v1.0/\(p)/streaming/flink-jobs",
            json: #"{"name": "jar1", "main_class": "demo.Main", "entrypoint": "obs://bucket/app.jar", "entrypoint_args": "--rps 5", "dependency_jars": ["obs://bucket/dep.jar"], "parallel_number": 2, "feature": "basic", "checkpoint_path": "obs://bucket/cp"}"#)
        #expect(r.status == 200, "\(r.bodyString)")
        let id = try #require(try r.json()["job"]?["job_id"]?.int64Value)
        var d = try detail(p, id)
        #expect(d["job_type"] == .string("flink_jar_job") && d["main_class"] == .string("demo.Main"))
        #expect(d["entrypoint_args"] == .string("--rps 5"))
        #expect(d["job_config"]?["entrypoint"] == .string("obs://bucket/app.jar"))
        #expect(d["job_config"]?["dependency_jars"] == .array([.string("obs://bucket/dep.jar")]))
        let u = try service.send("PUT", "/v1.0/\(p)/streaming/flink-jobs/\(id)", json: #"{"main_class": "demo.Other", "job_type": "flink_jar_job"}"#)
        #expect(u.status == 200)
        d = try detail(p, id)
        #expect(d["main_class"] == .string("demo.Other"))
        #expect(try service.send("PUT", "/v1.0/\(p)/streaming/flink-jobs/\(id)", json: #"{"job_type": "flink_sql_job"}"#).errorCode == "DLI.0001")
        #expect(try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"sql_body": "x"}"#).errorCode == "DLI.0007")
        #expect(try service.send("POST", "/v1.0/\(p)/streaming/flink-jobs", json: #"{"name": "jar2", "feature": "other"}"#).errorCode == "DLI.0001")
    }
}
