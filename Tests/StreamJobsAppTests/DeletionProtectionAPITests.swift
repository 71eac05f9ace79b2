import JSONCodec
import Testing
import TestSupport

/// Deletion protection and a delete's stop options (issue 17, extensions beyond DLI): a job with
/// `deletion_protection` cannot be deleted, alone or in a batch, until the flag is cleared (also while
/// it runs: the flag is no engine setting); `policy` and `deadline_seconds` are checked and travel with
/// the delete's engine work.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct DeletionProtectionAPITests {
    let service: LiveService
    let database: String
    init() throws {
        database = try TestDatabase.migrated()
        service = try LiveService(databaseURL: database)
    }

    func detail(_ p: String, _ id: Int64) throws -> JSONValue? {
        try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)").json()["job_detail"]
    }

    @Test func aProtectedJobIsNotDeletedUntilTheFlagIsCleared() throws {
        let p = uniqueProject()
        let created = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "keep", "sql_body": "SELECT 1", "deletion_protection": true}"#)
        #expect(created.status == 200, "\(created.bodyString)")
        let id = try #require(try created.json()["job"]?["job_id"]?.int64Value)
        #expect(try detail(p, id)?["deletion_protection"]?.boolValue == true)

        let refused = try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)")
        #expect(refused.status == 400 && refused.errorCode == "DLI.0007", "\(refused.bodyString)")
        #expect(refused.bodyString.contains("deletion_protection"))
        let batch = try service.send("POST", "/v1.0/\(p)/streaming/jobs/delete", json: "{\"job_ids\": [\(id)]}")
        #expect(batch.status == 200 && batch.bodyString.contains("\"false\"") && batch.bodyString.contains("deletion_protection"), "\(batch.bodyString)")
        #expect(try detail(p, id)?["name"]?.stringValue == "keep")

        // A running job may change it in place, like the other fields that are no engine setting.
        _ = try TestDatabase.query(
            "UPDATE jobs SET status = 'job_running' WHERE project_id = $1 AND job_id = $2", [p, String(id)], database: database)
        #expect(try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"deletion_protection": false}"#).status == 200)
        #expect(try detail(p, id)?["deletion_protection"]?.boolValue == false)
        #expect(try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)").status == 200)

        // Absent means false; a Jar job takes it too.
        let jar = try service.send("POST", "/v1.0/\(p)/streaming/flink-jobs", json: #"{"name": "j", "deletion_protection": true}"#)
        let jarID = try #require(try jar.json()["job_id"]?.int64Value ?? jar.json()["job"]?["job_id"]?.int64Value)
        #expect(try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(jarID)").status == 400)
        let plain = try service.createJob(project: p, name: "plain")
        #expect(try detail(p, plain)?["deletion_protection"]?.boolValue == false)
    }

    @Test func deleteStopOptionsAreCheckedAndKeptWithTheEngineWork() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "running")
        for (query, name) in [("policy=later", "policy"), ("deadline_seconds=0", "deadline_seconds"), ("deadline_seconds=x", "deadline_seconds")] {
            let r = try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)?\(query)")
            #expect(r.status == 400 && r.errorCode == "DLI.0001" && r.bodyString.contains(name), "\(query): \(r.bodyString)")
        }
        let run = try service.send("POST", "/v1.0/\(p)/streaming/jobs/run", json: "{\"job_ids\": [\(id)], \"policy\": \"drain\"}")
        #expect(run.status == 400 && run.bodyString.contains("deletes only"), "\(run.bodyString)")

        // A job that may be live gets stop work carrying the options.
        _ = try TestDatabase.query(
            "UPDATE jobs SET status = 'job_running' WHERE project_id = $1 AND job_id = $2", [p, String(id)], database: database)
        let deleted = try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)?policy=drain&deadline_seconds=45")
        #expect(deleted.status == 200, "\(deleted.bodyString)")
        let work = try TestDatabase.query(
            "SELECT kind, parameters->>'policy', parameters->>'deadline_ms' FROM engine_work WHERE project_id = $1 AND job_id = $2",
            [p, String(id)], database: database)
        #expect(work.count == 1 && work[0][0] == "cancel" && work[0][1] == "drain" && work[0][2] == "45000", "\(work)")

        let other = try service.createJob(project: p, name: "other")
        _ = try TestDatabase.query(
            "UPDATE jobs SET status = 'job_running' WHERE project_id = $1 AND job_id = $2", [p, String(other)], database: database)
        let batch = try service.send(
            "POST", "/v1.0/\(p)/streaming/jobs/delete", json: "{\"job_ids\": [\(other)], \"policy\": \"cancel\", \"deadline_seconds\": 5}")
        #expect(batch.status == 200 && batch.bodyString.contains("\"true\""), "\(batch.bodyString)")
        let batchWork = try TestDatabase.query(
            "SELECT parameters->>'policy', parameters->>'deadline_ms' FROM engine_work WHERE project_id = $1 AND job_id = $2",
            [p, String(other)], database: database)
        #expect(batchWork.count == 1 && batchWork[0][0] == "cancel" && batchWork[0][1] == "5000", "\(batchWork)")
    }
}
