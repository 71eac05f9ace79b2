import JSONCodec
import Testing
import TestSupport

/// Batch run/stop/delete (top-level arrays, one result per id in order) and savepoints.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct BatchAndSavepointAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated()) }

    func status(_ p: String, _ id: Int64) throws -> String? {
        try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)").json()["job_detail"]?["status"]?.stringValue
    }

    func results(_ r: HTTPTestResponse) throws -> [(String?, String?)] {
        guard case .array(let items) = try r.json() else { return [] }
        return items.map { ($0["is_success"]?.stringValue, $0["message"]?.stringValue) }
    }

    @Test func batchRunStopDeleteAnswerOneResultPerIdInOrder() throws {
        let p = uniqueProject()
        let a = try service.createJob(project: p, name: "a")
        let b = try service.createJob(project: p, name: "b")
        let foreign = try service.createJob(project: uniqueProject(), name: "c")

        let run = try service.send("POST", "/v1.0/\(p)/streaming/jobs/run", json: #"{"job_ids": [\#(a), 0, \#(foreign), \#(b), "\#(b)"]}"#)
        #expect(run.status == 200)
        let r = try results(run)
        #expect(r.map(\.0) == ["true", "false", "false", "true", "false"])
        #expect(r[0].1 == "The request for submitting DLI jobs is successfully delivered.")
        #expect(r[2].1?.contains("does not exist") == true)
        #expect(r[4].1?.contains("job_submitting") == true)  // already starting: an illegal transition fails alone
        #expect(try status(p, a) == "job_submitting")

        let stop = try service.send("POST", "/v1.0/\(p)/streaming/jobs/stop", json: #"{"job_ids": [\#(a)], "trigger_savepoint": true}"#)
        #expect(try results(stop).map(\.0) == ["true"])
        #expect(try status(p, a) == "job_canceling")  // not running yet: stopped by cancelling
        let stopAgain = try service.send("POST", "/v1.0/\(p)/streaming/jobs/stop", json: #"{"job_ids": [\#(a)]}"#)
        #expect(try results(stopAgain).map(\.0) == ["false"])

        let delete = try service.send("POST", "/v1.0/\(p)/streaming/jobs/delete", json: #"{"job_ids": [\#(a), \#(b), \#(a)]}"#)
        #expect(try results(delete).map(\.0) == ["true", "true", "true"])
        #expect(try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(a)").errorCode == "DLI.16001")
        // The engine is asked to stop both (b was submitting, a canceling).
        let work = try TestDatabase.query(
            "SELECT job_id, kind FROM engine_work WHERE project_id = $1 ORDER BY job_version, job_id", [p])
        #expect(work.filter { $0[1] == "cancel" }.count == 3)
    }

    @Test func batchBodyErrorsAreWholeRequestErrors() throws {
        let p = uniqueProject()
        for body in [#"{}"#, #"{"job_ids": []}"#, #"{"job_ids": 5}"#, #"{"job_ids": [1], "resume_savepoint": "yes"}"#] {
            let r = try service.send("POST", "/v1.0/\(p)/streaming/jobs/run", json: body)
            #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(body)")
        }
        let tooMany = "[" + (1...1001).map(String.init).joined(separator: ",") + "]"
        #expect(try service.send("POST", "/v1.0/\(p)/streaming/jobs/delete", json: #"{"job_ids": \#(tooMany)}"#).status == 400)
    }

    @Test func savepointTriggerAndImportFollowTheStateRules() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "sp")
        let trigger = #"{"action": "TRIGGER", "savepoint_path": "bucket/dir/savepoint/"}"#
        let notRunning = try service.send("POST", "/v1.0/\(p)/streaming/jobs/\(id)/savepoint", json: trigger)
        #expect(notRunning.status == 400 && notRunning.errorCode == "DLI.0007")
        #expect(try service.send("POST", "/v1.0/\(p)/streaming/jobs/\(id)/savepoint", json: #"{"action": "DELETE", "savepoint_path": "x"}"#).errorCode == "DLI.0001")

        let imported = try service.send(
            "POST", "/v1.0/\(p)/streaming/jobs/\(id)/import-savepoint", json: #"{"job_id": \#(id), "savepoint_path": "obs://bucket/sp/"}"#)
        #expect(try imported.status == 200 && imported.json()["is_success"] == .string("true"))
        let d = try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)").json()["job_detail"]
        #expect(d?["has_savepoint"] == .bool(true) && d?["savepoint_path"] == .string("obs://bucket/sp/"))
        let mismatch = try service.send(
            "POST", "/v1.0/\(p)/streaming/jobs/\(id)/import-savepoint", json: #"{"job_id": \#(id + 1), "savepoint_path": "x"}"#)
        #expect(mismatch.errorCode == "DLI.0001")

        // Running: trigger is accepted (engine work with the target path), import is refused.
        #expect(try service.send("POST", "/v1.0/\(p)/streaming/jobs/run", json: #"{"job_ids": [\#(id)]}"#).status == 200)
        _ = try TestDatabase.query("UPDATE jobs SET status = 'job_running' WHERE project_id = $1 AND job_id = $2", [p, String(id)])
        let ok = try service.send("POST", "/v1.0/\(p)/streaming/jobs/\(id)/savepoint", json: trigger)
        #expect(ok.status == 200, "\(ok.bodyString)")
        let work = try TestDatabase.query(
            "SELECT kind, parameters->>'savepoint_path' FROM engine_work WHERE project_id = $1 AND kind = 'trigger_savepoint'", [p])
        #expect(work == [["trigger_savepoint", "bucket/dir/savepoint/"]])
        #expect(try service.send(
            "POST", "/v1.0/\(p)/streaming/jobs/\(id)/import-savepoint", json: #"{"job_id": \#(id), "savepoint_path": "obs://bucket/sp2"}"#).errorCode == "DLI.0007")
    }

    @Test func executeGraphOfAJobNeverRunIsAClearError() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "g")
        let r = try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)/execute-graph")
        #expect(r.status == 400 && r.errorCode == "DLI.0007")
        #expect(try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id + 1_000_000)/execute-graph").errorCode == "DLI.16001")
    }
}
