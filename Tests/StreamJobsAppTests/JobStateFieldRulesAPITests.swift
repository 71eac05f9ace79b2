import JSONCodec
import Testing
import TestSupport

/// Fields that would be dropped or silently overridden on the engine are refused (issue 16): a SQL job's
/// `checkpoint_path` (its checkpoints go under `obs_bucket`), a `runtime_config` restart strategy
/// while `restart_when_exception` chooses it, and `resume_checkpoint` without checkpointing.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct JobStateFieldRulesAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated()) }

    func expectRefused(_ r: HTTPTestResponse, naming field: String, _ words: String) {
        #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(r.bodyString)")
        let message = (try? r.json())?["error_msg"]?.stringValue ?? ""
        #expect(message.contains("'\(field)'") && message.contains(words), "\(message)")
    }

    @Test func sqlJobsRefuseCheckpointPathPointingAtObsBucket() throws {
        let p = uniqueProject()
        expectRefused(
            try service.send(
                "POST", "/v1.0/\(p)/streaming/sql-jobs",
                json: #"{"name": "s", "sql_body": "SELECT 1", "checkpoint_path": "obs://bkt/cp"}"#),
            naming: "checkpoint_path", "obs_bucket")
        let id = try service.createJob(project: p, name: "s2")
        expectRefused(
            try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"checkpoint_path": "obs://bkt/cp"}"#),
            naming: "checkpoint_path", "obs_bucket")
        // Empty means not set, as for every optional field.
        #expect(try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"checkpoint_path": ""}"#).status == 200)
        // Nor may runtime_config undo the retention of a checkpointing job's checkpoints.
        expectRefused(
            try service.send(
                "POST", "/v1.0/\(p)/streaming/sql-jobs",
                json: #"{"name": "r", "sql_body": "SELECT 1", "checkpoint_enabled": true, "runtime_config": "execution.checkpointing.externalized-checkpoint-retention=DELETE_ON_CANCELLATION"}"#),
            naming: "runtime_config", "RETAIN_ON_CANCELLATION")
        // Jar jobs keep it.
        let jar = try service.send(
            "POST", "/v1.0/\(p)/streaming/flink-jobs", json: #"{"name": "j", "entrypoint": "obs://bkt/a.jar", "checkpoint_path": "obs://bkt/cp"}"#)
        #expect(jar.status == 200, "\(jar.bodyString)")
    }

    @Test func runtimeConfigRestartStrategyConflictsWithRestartWhenException() throws {
        let p = uniqueProject()
        let conflict = #""restart_when_exception": true, "resume_max_num": 2, "runtime_config": "restart-strategy.type=fixed-delay""#
        expectRefused(
            try service.send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "s", "sql_body": "SELECT 1", \#(conflict)}"#),
            naming: "runtime_config", "restart_when_exception")
        expectRefused(
            try service.send("POST", "/v1.0/\(p)/streaming/flink-jobs", json: #"{"name": "j", \#(conflict)}"#),
            naming: "runtime_config", "restart_when_exception")
        // Without restart_when_exception the runtime_config chooses the strategy.
        let own = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs",
            json: #"{"name": "own", "sql_body": "SELECT 1", "runtime_config": "restart-strategy.type=fixed-delay"}"#)
        #expect(own.status == 200, "\(own.bodyString)")
        let id = try #require(try own.json()["job"]?["job_id"]?.int64Value)
        // The rule holds on the merged definition: turning restart_when_exception on later is refused too.
        expectRefused(
            try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"restart_when_exception": true}"#),
            naming: "runtime_config", "restart_when_exception")
        #expect(
            try service.send(
                "PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"restart_when_exception": true, "runtime_config": "pipeline.name=x"}"#
            ).status == 200)
    }

    @Test func resumeCheckpointNeedsCheckpointing() throws {
        let p = uniqueProject()
        expectRefused(
            try service.send(
                "POST", "/v1.0/\(p)/streaming/flink-jobs", json: #"{"name": "j", "resume_checkpoint": true}"#),
            naming: "resume_checkpoint", "checkpoint_enabled")
        expectRefused(
            try service.send(
                "POST", "/v1.0/\(p)/streaming/sql-jobs",
                json: #"{"name": "s", "sql_body": "SELECT 1", "resume_checkpoint": true, "checkpoint_enabled": false}"#),
            naming: "resume_checkpoint", "checkpoint_enabled")
        let ok = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs",
            json: #"{"name": "s", "sql_body": "SELECT 1", "resume_checkpoint": true, "checkpoint_enabled": true}"#)
        #expect(ok.status == 200, "\(ok.bodyString)")
        let id = try #require(try ok.json()["job"]?["job_id"]?.int64Value)
        // On the merged definition: turning checkpointing off while resume_checkpoint stays on is refused.
        expectRefused(
            try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"checkpoint_enabled": false}"#),
            naming: "resume_checkpoint", "checkpoint_enabled")
        #expect(
            try service.send(
                "PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"checkpoint_enabled": false, "resume_checkpoint": false}"#
            ).status == 200)
    }
}
