import Foundation
import JSONCodec
import Testing
import TestSupport

/// Issue 17 (first part), the extensions beyond DLI over real HTTP with real PostgreSQL and
/// authentication on: a job's journal, the deleted jobs, and restore. No engine runs here: the
/// transitions are the ones the service records (run and stop enqueue engine work nobody carries out).
@Suite(.enabled(if: TestDatabase.isConfigured)) final class JobHistoryAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated()) }

    func jobs(_ p: String) -> String { "/v1.0/\(p)/streaming/jobs" }
    func deleted(_ p: String) -> String { "/v1.0/\(p)/streaming/deleted-jobs" }

    /// The credential id of the project's token: the actor of its requests.
    func actor(_ p: String) throws -> String {
        let rows = try TestDatabase.query("SELECT credential_id FROM credentials WHERE project_id = $1", [p])
        return try #require(rows.first?.first ?? nil)
    }

    @discardableResult
    func send(_ method: String, _ target: String, json: String? = nil, requestID: String? = nil) throws -> HTTPTestResponse {
        try service.send(method, target, json: json, headers: requestID.map { [("X-Request-Id", $0)] } ?? [])
    }

    func batch(_ p: String, _ action: String, _ id: Int64, requestID: String) throws {
        let r = try send("POST", jobs(p) + "/" + action, json: #"{"job_ids": [\#(id)]}"#, requestID: requestID)
        let success = try r.json().arrayValue?.first?["is_success"]
        #expect(r.status == 200 && success == .string("true"), "\(action): \(r.bodyString)")
    }

    /// Every entry of a journal, walking its pages of `limit`.
    func walkJournal(_ p: String, _ id: Int64, limit: Int) throws -> (entries: [JSONValue], pages: Int) {
        var entries: [JSONValue] = []
        var cursor: String? = nil
        var pages = 0
        repeat {
            let r = try send("GET", "\(jobs(p))/\(id)/journal?limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(r.status == 200, "\(r.bodyString)")
            let body = try r.json()
            let page = body["entries"]?.arrayValue ?? []
            #expect(page.count <= limit)
            entries += page
            cursor = body["next_cursor"]?.stringValue
            pages += 1
        } while cursor != nil && pages < 50
        return (entries, pages)
    }

    @Test func theJournalListsEveryTransitionNewestFirstWithActorAndRequestID() throws {
        let p = uniqueProject()
        let create = try send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "journaled", "sql_body": "SELECT 1"}"#, requestID: "req-create-1")
        let id = try #require(try create.json()["job"]?["job_id"]?.int64Value, "\(create.bodyString)")
        try batch(p, "run", id, requestID: "req-run-1")
        try batch(p, "stop", id, requestID: "req-stop-1")
        #expect(try send("DELETE", "\(jobs(p))/\(id)", requestID: "req-delete-1").status == 200)

        let r = try send("GET", "\(jobs(p))/\(id)/journal")
        #expect(r.status == 200, "\(r.bodyString)")
        let body = try r.json()
        #expect(body["is_success"] == .string("true") && body["job_id"]?.int64Value == id)
        #expect(body["next_cursor"] == .null)
        let entries = try #require(body["entries"]?.arrayValue)
        let me = try actor(p)
        #expect(entries.map { $0["event"]?.stringValue } == ["delete", "stop", "run", "create"])
        #expect(entries.map { $0["version"]?.int64Value } == [4, 3, 2, 1])
        #expect(entries.map { $0["request_id"]?.stringValue } == ["req-delete-1", "req-stop-1", "req-run-1", "req-create-1"])
        #expect(entries.allSatisfy { $0["actor"]?.stringValue == me })
        #expect(entries.map { $0["from_status"]?.stringValue } == ["job_canceling", "job_submitting", "job_init", nil])
        #expect(entries.map { $0["to_status"]?.stringValue } == ["job_canceling", "job_canceling", "job_submitting", "job_init"])
        #expect(entries.map { $0["deleted"] } == [.bool(true), .bool(false), .bool(false), .bool(false)])
        #expect(entries.map { $0["engine_work"]?.stringValue } == ["cancel", "cancel", "submit", nil])
        let times = entries.compactMap { $0["recorded_at"]?.int64Value }
        #expect(times.count == 4 && times == times.sorted(by: >))
        for key in ["reason", "engine_job_id", "savepoint_path"] { #expect(entries[0][key] != nil, "\(key) present") }

        // The same for the deleted job as for a live one: a live job's journal answers too.
        let live = try service.createJob(project: p, name: "still-live")
        let liveJournal = try send("GET", "\(jobs(p))/\(live)/journal").json()
        #expect(liveJournal["entries"]?.arrayValue?.map { $0["event"]?.stringValue } == ["create"])
    }

    @Test func journalPagesWalkEveryEntryExactlyOnceAndRefuseTamperedCursors() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "paged")
        // 1 create + 6 updates + 1 delete = 8 entries.
        for i in 0..<6 {
            let r = try send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"name": "paged", "sql_body": "SELECT \#(i)"}"#)
            #expect(r.status == 200, "\(r.bodyString)")
        }
        #expect(try send("DELETE", "\(jobs(p))/\(id)").status == 200)

        let walk = try walkJournal(p, id, limit: 2)
        #expect(walk.pages == 4)
        #expect(walk.entries.compactMap { $0["version"]?.int64Value } == Array((1...8).reversed()))
        let whole = try walkJournal(p, id, limit: 100)
        #expect(whole.pages == 1 && whole.entries == walk.entries)

        let first = try send("GET", "\(jobs(p))/\(id)/journal?limit=3").json()
        let cursor = try #require(first["next_cursor"]?.stringValue)
        // Any changed character, a cut cursor, garbage, or the cursor on another job: 400 DLI.0001.
        var flipped = Array(cursor)
        flipped[4] = flipped[4] == "0" ? "1" : "0"
        let other = try service.createJob(project: p, name: "other")
        for (target, what) in [
            ("\(jobs(p))/\(id)/journal?cursor=\(String(flipped))", "flipped"),
            ("\(jobs(p))/\(id)/journal?cursor=\(cursor.dropLast(2))", "cut"),
            ("\(jobs(p))/\(id)/journal?cursor=not-a-cursor", "garbage"),
            ("\(jobs(p))/\(other)/journal?cursor=\(cursor)", "another job's"),
            ("\(jobs(p))/\(id)/journal?limit=101", "limit over 100"),
            ("\(jobs(p))/\(id)/journal?limit=0", "limit 0"),
        ] {
            let r = try send("GET", target)
            #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(what): \(r.status) \(r.bodyString)")
        }
        let next = try send("GET", "\(jobs(p))/\(id)/journal?limit=3&cursor=\(cursor)").json()
        #expect(next["entries"]?.arrayValue?.compactMap { $0["version"]?.int64Value } == [5, 4, 3])
    }

    @Test func anotherProjectSeesNoJournalNoDeletedJobAndCannotRestore() throws {
        let a = uniqueProject("a"), b = uniqueProject("b")
        let id = try service.createJob(project: a, name: "private")
        #expect(try send("DELETE", "\(jobs(a))/\(id)").status == 200)
        _ = try service.createJob(project: b, name: "own")
        let before = try TestDatabase.query(
            "SELECT status, version::text, name, deleted_at IS NULL FROM jobs WHERE project_id = $1 AND job_id = $2", [a, String(id)])

        // B's credentials on B's path, naming A's job: the answer for a job that does not exist.
        for (method, target) in [
            ("GET", "\(jobs(b))/\(id)/journal"), ("GET", "\(deleted(b))/\(id)"), ("POST", "\(deleted(b))/\(id)/restore"),
            ("GET", "\(jobs(b))/9223372036854775807/journal"),
        ] {
            let r = try send(method, target)
            #expect(r.status == 400 && r.errorCode == "DLI.16001", "\(method) \(target): \(r.bodyString)")
            #expect(try r.json()["error_msg"]?.stringValue == "The job does not exist.")
        }
        let list = try send("GET", deleted(b)).json()
        #expect(list["deleted_jobs"]?.arrayValue == [] && list["next_cursor"] == .null)
        // A's cursor is no cursor of B's.
        _ = try service.createJob(project: a, name: "second")
        let second = try service.createJob(project: a, name: "third")
        #expect(try send("DELETE", "\(jobs(a))/\(second)").status == 200)
        let cursor = try #require(try send("GET", deleted(a) + "?limit=1").json()["next_cursor"]?.stringValue)
        #expect(try send("GET", deleted(b) + "?limit=1&cursor=\(cursor)").errorCode == "DLI.0001")
        // B's token on A's path: 403, nothing read.
        let token = ProjectTokens(databaseURL: try TestDatabase.migrated()).headers(for: "/v1.0/\(b)/x")
        let forbidden = try service.send("GET", "\(jobs(a))/\(id)/journal", headers: token)
        #expect(forbidden.status == 403, "\(forbidden.bodyString)")

        let after = try TestDatabase.query(
            "SELECT status, version::text, name, deleted_at IS NULL FROM jobs WHERE project_id = $1 AND job_id = $2", [a, String(id)])
        #expect(after == before)
    }

    @Test func deletedJobsAreListedFilteredAndPagedAndStayOutOfDLIsListAndDetail() throws {
        let p = uniqueProject()
        var ids: [String: Int64] = [:]
        for name in ["alpha-1", "alpha-2", "beta-1", "beta-2", "gamma"] { ids[name] = try service.createJob(project: p, name: name) }
        try batch(p, "run", ids["gamma"]!, requestID: "req-run-gamma")  // deleted while job_submitting
        var deletedAt: [String: Int64] = [:]
        for name in ["alpha-1", "beta-1", "alpha-2", "gamma"] {
            #expect(try send("DELETE", "\(jobs(p))/\(ids[name]!)", requestID: "req-del-\(name)").status == 200)
            let row = try TestDatabase.query(
                "SELECT floor(extract(epoch FROM deleted_at) * 1000)::int8::text FROM jobs WHERE project_id = $1 AND job_id = $2",
                [p, String(ids[name]!)])
            deletedAt[name] = Int64(try #require(row.first?.first ?? nil))!
        }

        func names(_ query: String) throws -> [String] {
            let r = try send("GET", deleted(p) + query)
            #expect(r.status == 200, "\(query): \(r.bodyString)")
            return try r.json()["deleted_jobs"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        }
        #expect(try names("") == ["gamma", "alpha-2", "beta-1", "alpha-1"])
        #expect(try names("?name=ALPHA") == ["alpha-2", "alpha-1"])
        #expect(try names("?status=job_submitting") == ["gamma"])
        #expect(try names("?status=job_init&name=beta") == ["beta-1"])
        #expect(try names("?deleted_since=\(deletedAt["alpha-2"]!)").starts(with: ["gamma", "alpha-2"]))
        #expect(try names("?deleted_until=\(deletedAt["beta-1"]! + 1)").suffix(2) == ["beta-1", "alpha-1"])
        #expect(try names("?deleted_since=\(deletedAt["gamma"]! + 1)") == [])
        #expect(try names("?deleted_until=\(deletedAt["alpha-1"]!)") == [])
        #expect(try send("GET", deleted(p) + "?status=job_unknown").errorCode == "DLI.0001")

        // An item is a DLI list item plus its deletion.
        let me = try actor(p)
        let first = try #require(try send("GET", deleted(p) + "?limit=1").json()["deleted_jobs"]?.arrayValue?.first)
        #expect(first["job_id"]?.int64Value == ids["gamma"] && first["status"] == .string("job_submitting"))
        #expect(first["deleted_at"]?.int64Value == deletedAt["gamma"] && first["deleted_by"]?.stringValue == me)
        #expect(first["deleted_request_id"] == .string("req-del-gamma") && first["status_at_delete"] == .string("job_submitting"))
        #expect(first["purge_at"] == .null && first["sql_body"] == nil)

        // Pages of 1 walk all four exactly once; a cursor holds only for its own filters.
        var seen: [String] = []
        var cursor: String? = nil
        repeat {
            let body = try send("GET", deleted(p) + "?limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")).json()
            seen += body["deleted_jobs"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            cursor = body["next_cursor"]?.stringValue
        } while cursor != nil && seen.count < 10
        #expect(seen == ["gamma", "alpha-2", "beta-1", "alpha-1"])
        let filtered = try #require(try send("GET", deleted(p) + "?name=alpha&limit=1").json()["next_cursor"]?.stringValue)
        #expect(try send("GET", deleted(p) + "?name=alpha&limit=1&cursor=\(filtered)").json()["deleted_jobs"]?.arrayValue?.first?["name"] == .string("alpha-1"))
        #expect(try send("GET", deleted(p) + "?name=beta&limit=1&cursor=\(filtered)").errorCode == "DLI.0001")

        // The detail: the job as it was (DLI's detail, with SQL and configuration) and its deletion.
        let detail = try send("GET", "\(deleted(p))/\(ids["alpha-1"]!)")
        #expect(detail.status == 200, "\(detail.bodyString)")
        let job = try #require(try detail.json()["job_detail"])
        #expect(job["name"] == .string("alpha-1") && job["sql_body"] == .string("SELECT 1") && job["job_config"] != nil)
        #expect(job["deleted_at"]?.int64Value == deletedAt["alpha-1"] && job["deleted_by"]?.stringValue == me)
        #expect(job["has_savepoint"] == .bool(false) && job["savepoint_path"] == .null && job["purge_at"] == .null)
        // A live job is no deleted job.
        #expect(try send("GET", "\(deleted(p))/\(ids["beta-2"]!)").errorCode == "DLI.16001")

        // DLI's list and detail do not show deleted jobs, as before.
        let list = try send("GET", jobs(p) + "?limit=100").json()["job_list"]
        #expect(list?["total_count"]?.int64Value == 1)
        #expect(list?["jobs"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["beta-2"])
        #expect(try send("GET", "\(jobs(p))/\(ids["alpha-1"]!)").errorCode == "DLI.16001")
    }

    @Test func restoreBringsAJobBackStoppedWithItsSavepoint() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "recycled")
        let attach = try send(
            "POST", "\(jobs(p))/\(id)/import-savepoint", json: #"{"job_id": \#(id), "savepoint_path": "obs://bucket/savepoints/sp-1"}"#)
        #expect(attach.status == 200, "\(attach.bodyString)")
        #expect(try send("DELETE", "\(jobs(p))/\(id)").status == 200)

        let restore = try send("POST", "\(deleted(p))/\(id)/restore", requestID: "req-restore-1")
        #expect(restore.status == 200, "\(restore.bodyString)")
        let job = try #require(try restore.json()["job_detail"])
        #expect(job["job_id"]?.int64Value == id && job["name"] == .string("recycled"))
        #expect(job["status"] == .string("job_cancel_success"))
        #expect(job["has_savepoint"] == .bool(true) && job["savepoint_path"] == .string("obs://bucket/savepoints/sp-1"))

        // Live again for DLI: detail and list; no longer deleted.
        let shown = try send("GET", "\(jobs(p))/\(id)").json()["job_detail"]
        #expect(shown?["status"] == .string("job_cancel_success") && shown?["savepoint_path"] == .string("obs://bucket/savepoints/sp-1"))
        #expect(try send("GET", jobs(p)).json()["job_list"]?["total_count"]?.int64Value == 1)
        #expect(try send("GET", "\(deleted(p))/\(id)").errorCode == "DLI.16001")

        // The journal records it, with actor, request id and the savepoint it keeps.
        let entry = try #require(try send("GET", "\(jobs(p))/\(id)/journal?limit=1").json()["entries"]?.arrayValue?.first)
        #expect(entry["event"] == .string("restore") && entry["from_status"] == .string("job_init"))
        #expect(entry["to_status"] == .string("job_cancel_success") && entry["request_id"] == .string("req-restore-1"))
        let me = try actor(p)
        #expect(entry["actor"]?.stringValue == me && entry["savepoint_path"] == .string("obs://bucket/savepoints/sp-1"))

        // Audited in the same transaction: one record, 200, the job as target.
        let audit = try TestDatabase.query(
            "SELECT action, status::text, array_to_string(targets, ',') FROM audit_events WHERE project_id = $1 AND request_id = $2",
            [p, "req-restore-1"])
        #expect(audit == [["POST /v1.0/{project_id}/streaming/deleted-jobs/{job_id}/restore", "200", "job_id=\(id)"]])

        // It runs like any stopped job; resume_savepoint asks for the savepoint.
        let run = try send("POST", jobs(p) + "/run", json: #"{"job_ids": [\#(id)], "resume_savepoint": true}"#)
        let ran = try run.json().arrayValue?.first?["is_success"]
        #expect(ran == .string("true"), "\(run.bodyString)")
        let work = try TestDatabase.query(
            "SELECT kind FROM engine_work WHERE project_id = $1 AND job_id = $2 ORDER BY job_version DESC LIMIT 1", [p, String(id)])
        #expect(work == [["submit_from_savepoint"]])
    }

    @Test func restoreRefusesATakenNameUnlessRenamedAndRefusesLiveAndUnknownJobs() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "orders")
        #expect(try send("DELETE", "\(jobs(p))/\(id)").status == 200)
        let successor = try service.createJob(project: p, name: "orders")

        let taken = try send("POST", "\(deleted(p))/\(id)/restore", requestID: "req-taken")
        #expect(taken.status == 400 && taken.errorCode == "DLI.0006", "\(taken.bodyString)")
        #expect(try taken.json()["error_msg"]?.stringValue?.contains("'orders'") == true, "\(taken.bodyString)")
        #expect(try send("GET", "\(deleted(p))/\(id)").status == 200, "still deleted")
        let refusedAudit = try TestDatabase.query(
            "SELECT status::text FROM audit_events WHERE project_id = $1 AND request_id = $2", [p, "req-taken"])
        #expect(refusedAudit == [["400"]])

        // A new name is validated like create's.
        for body in [#"{"name": ""}"#, #"{"name": "\#(String(repeating: "x", count: 58))"}"#, #"{"name": 7}"#, "[1]"] {
            let r = try send("POST", "\(deleted(p))/\(id)/restore", json: body)
            #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(body): \(r.bodyString)")
        }
        let takenToo = try send("POST", "\(deleted(p))/\(id)/restore", json: #"{"name": "orders"}"#)
        #expect(takenToo.errorCode == "DLI.0006")

        let renamed = try send("POST", "\(deleted(p))/\(id)/restore", json: #"{"name": "orders-old"}"#)
        #expect(renamed.status == 200, "\(renamed.bodyString)")
        #expect(try renamed.json()["job_detail"]?["name"] == .string("orders-old"))
        let names = try send("GET", jobs(p) + "?order=asc").json()["job_list"]?["jobs"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["orders-old", "orders"])
        let entry = try send("GET", "\(jobs(p))/\(id)/journal?limit=1").json()["entries"]?.arrayValue?.first
        #expect(entry?["reason"] == .string("restored as 'orders-old'"))

        // Restoring a live job (the restored one, or one never deleted) or an unknown id.
        for live in [id, successor] {
            let r = try send("POST", "\(deleted(p))/\(live)/restore")
            #expect(r.status == 400 && r.errorCode == "DLI.0007", "\(r.bodyString)")
            #expect(try r.json()["error_msg"]?.stringValue?.contains("not deleted") == true, "\(r.bodyString)")
        }
        #expect(try send("POST", "\(deleted(p))/9223372036854775807/restore").errorCode == "DLI.16001")
    }

    @Test func restoreWaitsForTheDeletesStopOnTheEngine() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "stopping")
        try batch(p, "run", id, requestID: "req-run")
        #expect(try send("DELETE", "\(jobs(p))/\(id)").status == 200)  // job_submitting: engine work to cancel it
        let r = try send("POST", "\(deleted(p))/\(id)/restore")
        #expect(r.status == 400 && r.errorCode == "DLI.0007", "\(r.bodyString)")
        #expect(try r.json()["error_msg"]?.stringValue?.contains("still being stopped") == true, "\(r.bodyString)")
    }
}
