import Foundation
import JSONCodec
import Testing
import TestSupport
import ZipArchive

/// Issue 5, isolation in depth: over HTTP, with the service connected as the runtime role (row-level
/// security applies), no endpoint of project B returns, changes or counts project A's data.
@Suite(.enabled(if: TestDatabase.isConfigured)) final class ProjectIsolationAPITests {
    let service: LiveService
    let scratch: String

    init() throws {
        scratch = NSTemporaryDirectory() + "sj-isolation-" + UUID().uuidString
        service = try LiveService(
            databaseURL: try TestDatabase.migrated(), extra: ["STREAMJOBS_OBJECT_ROOT": scratch + "/objects"])
    }

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    func jobs(_ p: String) -> String { "/v1.0/\(p)/streaming/jobs" }

    /// The per-id `is_success` values of a batch answer.
    func batch(_ p: String, _ action: String, _ ids: [Int64]) throws -> [String?] {
        let r = try service.send("POST", jobs(p) + "/" + action, json: #"{"job_ids": [\#(ids.map(String.init).joined(separator: ","))]}"#)
        #expect(r.status == 200, "\(action): \(r.bodyString)")
        return (try r.json().arrayValue ?? []).map { $0["is_success"]?.stringValue }
    }

    /// What the database holds about a job, read as the owner (not subject to the policies).
    func stored(_ p: String, _ id: Int64) throws -> [String?] {
        let job = try TestDatabase.query(
            "SELECT status, version::text, name, deleted_at IS NULL FROM jobs WHERE project_id = $1 AND job_id = $2",
            [p, String(id)])
        let journal = try TestDatabase.query(
            "SELECT count(*)::text FROM job_journal WHERE project_id = $1 AND job_id = $2", [p, String(id)])
        let work = try TestDatabase.query(
            "SELECT count(*)::text FROM engine_work WHERE project_id = $1 AND job_id = $2", [p, String(id)])
        return (job.first ?? []) + (journal.first ?? []) + (work.first ?? [])
    }

    @Test func noJobEndpointOfAnotherProjectReadsChangesOrCountsAJob() throws {
        let a = uniqueProject("a"), b = uniqueProject("b")
        let a1 = try service.createJob(project: a, name: "shared-1")
        let a2 = try service.createJob(project: a, name: "shared-2")
        let b1 = try service.createJob(project: b, name: "shared-1")
        let before = try [a1, a2].map { try stored(a, $0) }

        // Reads: show, list (status-only count from the counters, filtered count, page), execute-graph, alarms.
        for target in ["\(jobs(b))/\(a1)", "\(jobs(b))/\(a1)/execute-graph", "\(jobs(b))/\(a1)/alarms"] {
            #expect(try service.send("GET", target).errorCode == "DLI.16001", "\(target)")
        }
        for query in ["", "?status=job_init", "?name=shared", "?limit=100&order=asc&show_detail=true"] {
            let list = try service.send("GET", jobs(b) + query).json()["job_list"]
            let ids = list?["jobs"]?.arrayValue?.compactMap { $0["job_id"]?.int64Value }
            #expect(list?["total_count"]?.int64Value == 1 && ids == [b1], "list\(query)")
        }

        // Changes: update, run/stop/delete (batch and single), savepoints.
        let update = try service.send("PUT", "/v1.0/\(b)/streaming/sql-jobs/\(a1)", json: #"{"name": "x", "sql_body": "SELECT 2"}"#)
        #expect(update.errorCode == "DLI.16001", "\(update.bodyString)")
        for action in ["run", "stop", "delete"] {
            #expect(try batch(b, action, [a1, a2]) == ["false", "false"], "\(action)")
        }
        #expect(try service.send("DELETE", "\(jobs(b))/\(a2)").errorCode == "DLI.16001")
        let trigger = try service.send(
            "POST", "\(jobs(b))/\(a1)/savepoint", json: #"{"action": "TRIGGER", "savepoint_path": "bucket/sp/"}"#)
        #expect(trigger.errorCode == "DLI.16001", "\(trigger.bodyString)")
        let importSavepoint = try service.send(
            "POST", "\(jobs(b))/\(a1)/import-savepoint", json: #"{"job_id": \#(a1), "savepoint_path": "obs://bucket/sp/"}"#)
        #expect(importSavepoint.errorCode == "DLI.16001", "\(importSavepoint.bodyString)")

        // Export: selecting A's job is "does not exist"; exporting everything holds B's job only.
        let selected = try service.send(
            "POST", jobs(b) + "/export", json: #"{"obs_dir": "bucket/x", "is_selected": true, "job_selected": [\#(a1)]}"#)
        #expect(selected.errorCode == "DLI.16001", "\(selected.bodyString)")
        let all = try service.send("POST", jobs(b) + "/export", json: #"{"obs_dir": "bucket/x", "is_selected": false}"#)
        let path = try #require(try all.json()["zip_file"]?.arrayValue?.first?.stringValue, "\(all.bodyString)")
        let file = scratch + "/objects/projects/\(b)/" + (path.hasPrefix("obs://") ? String(path.dropFirst(6)) : path)
        let entries = try ZipReader.entries(of: Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        #expect(entries.map(\.name) == ["\(b1).json"])

        // A's jobs, their journals and engine work are exactly as they were; A still sees them.
        #expect(try [a1, a2].map { try stored(a, $0) } == before)
        #expect(try service.send("GET", "\(jobs(a))/\(a1)").status == 200)
        #expect(try service.send("GET", jobs(a)).json()["job_list"]?["total_count"]?.int64Value == 2)
    }

    @Test func noTemplateEndpointOfAnotherProjectReadsChangesOrCountsATemplate() throws {
        let a = uniqueProject("a"), b = uniqueProject("b")
        func path(_ p: String, _ id: Int64? = nil) -> String {
            "/v1.0/\(p)/streaming/job-templates" + (id.map { "/\($0)" } ?? "")
        }
        let created = try service.send("POST", path(a), json: #"{"name": "tpl", "sql_body": "SELECT 7"}"#)
        let t = try #require(try created.json()["template"]?["template_id"]?.int64Value, "\(created.bodyString)")

        let list = try service.send("GET", path(b) + "?name=tpl").json()["template_list"]
        #expect(list?["total_count"]?.int64Value == 0 && list?["templates"]?.arrayValue?.isEmpty != false)
        #expect(try service.send("PUT", path(b, t), json: #"{"name": "stolen"}"#).errorCode == "DLI.0002")
        #expect(try service.send("DELETE", path(b, t)).errorCode == "DLI.0002")
        let job = try service.send(
            "POST", "/v1.0/\(b)/streaming/sql-jobs", json: #"{"name": "from_tpl", "template_id": \#(t)}"#)
        #expect(job.errorCode == "DLI.0001", "a job of B cannot use A's template: \(job.bodyString)")

        let own = try service.send("GET", path(a)).json()["template_list"]
        #expect(own?["total_count"]?.int64Value == 1)
        #expect(own?["templates"]?.arrayValue?.first?["name"] == .string("tpl"))
        let row = try TestDatabase.query(
            "SELECT name, version::text, deleted_at IS NULL FROM job_templates WHERE project_id = $1", [a])
        #expect(row == [["tpl", "1", "t"]])
    }
}
