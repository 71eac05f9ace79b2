import Foundation
import JSONCodec
import TestSupport
import Testing

/// The `Idempotency-Key` extension (issue 17) end to end: real HTTP on loopback, real PostgreSQL,
/// authentication on.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct IdempotencyKeyAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated()) }

    func send(_ method: String, _ target: String, json: String? = nil, key: String?) throws -> HTTPTestResponse {
        try service.send(method, target, json: json, headers: key.map { [("Idempotency-Key", $0)] } ?? [])
    }

    func count(_ sql: String, _ parameters: [String]) throws -> String? {
        try TestDatabase.query(sql, parameters).first?[0]
    }

    func journal(_ p: String, _ event: String) throws -> String? {
        try count("SELECT count(*) FROM job_journal WHERE project_id = $1 AND event = $2", [p, event])
    }

    @Test func hundredConcurrentCreatesWithOneKeyCreateOneJob() throws {
        let p = uniqueProject()
        let endpoint = service.endpoint
        let answers = Answers()
        let group = DispatchGroup()
        for _ in 0..<100 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let r = try? endpoint.client(timeout: .seconds(30)).send(
                    method: "POST", target: "/v1.0/\(p)/streaming/sql-jobs",
                    headers: [("Content-Type", "application/json"), ("Idempotency-Key", "create-once")],
                    body: Array(#"{"name": "once", "sql_body": "SELECT 1"}"#.utf8))
                answers.append(r)
            }
        }
        #expect(group.wait(timeout: .now() + 120) == .success)
        let all = answers.values
        #expect(all.count == 100 && all.allSatisfy { $0 != nil })
        let ok = all.compactMap { $0 }.filter { $0.status == 200 }
        let busy = all.compactMap { $0 }.filter { $0.status == 409 }
        #expect(ok.count + busy.count == 100, "\(all.compactMap { $0?.status })")
        #expect(!ok.isEmpty)
        #expect(Set(ok.map(\.body)).count == 1, "every 200 carries the same bytes")
        #expect(ok.filter { $0.header("Idempotent-Replayed") == nil }.count == 1, "one executed")
        for r in busy {
            #expect(r.errorCode == "DLI.0012" && r.header("Retry-After") == "1")
        }
        #expect(try count("SELECT count(*) FROM jobs WHERE project_id = $1", [p]) == "1")
        #expect(try journal(p, "create") == "1")

        let retry = try send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "once", "sql_body": "SELECT 1"}"#,
            key: "create-once")
        #expect(retry.status == 200 && retry.body == ok[0].body)
        #expect(retry.header("Idempotent-Replayed") == "true")
        #expect(retry.header("Content-Type") == "application/json")
    }

    @Test func sameKeyForAnotherRequestIs422AndAnotherProjectsKeyIsIndependent() throws {
        let p = uniqueProject(), q = uniqueProject()
        let first = try send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "a", "sql_body": "SELECT 1"}"#, key: "k1")
        #expect(first.status == 200)
        for (method, target, json) in [
            ("POST", "/v1.0/\(p)/streaming/sql-jobs", #"{"name": "b", "sql_body": "SELECT 1"}"#),  // other body
            ("POST", "/v1.0/\(p)/streaming/sql-jobs", #"{"name":"a", "sql_body": "SELECT 1"}"#),  // other bytes
            ("POST", "/v1.0/\(p)/streaming/flink-jobs", #"{"name": "a"}"#),  // other route
            ("POST", "/v1.0/\(p)/streaming/job-templates", #"{"name": "a"}"#),
        ] {
            let r = try send(method, target, json: json, key: "k1")
            #expect(r.status == 422 && r.errorCode == "DLI.0001", "\(target) \(json): \(r.status) \(r.bodyString)")
            #expect(try r.json()["error_msg"]?.stringValue?.contains("Idempotency-Key") == true)
        }
        #expect(try count("SELECT count(*) FROM jobs WHERE project_id = $1", [p]) == "1")
        #expect(try count("SELECT count(*) FROM job_templates WHERE project_id = $1", [p]) == "0")

        // The same key and request in another project is another reservation: it executes.
        let other = try send(
            "POST", "/v1.0/\(q)/streaming/sql-jobs", json: #"{"name": "a", "sql_body": "SELECT 1"}"#, key: "k1")
        #expect(other.status == 200 && other.header("Idempotent-Replayed") == nil)
        #expect(try count("SELECT count(*) FROM jobs WHERE project_id = $1", [q]) == "1")
        #expect(other.body != first.body)  // another job id
    }

    @Test func deleteRetriedWithItsKeyReplaysTheFirstAnswer() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "gone")
        let first = try send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)", key: "del-1")
        #expect(try first.status == 200 && first.json()["message"]?.stringValue == "The job is successfully deleted.")
        let retry = try send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)", key: "del-1")
        #expect(retry.status == 200 && retry.body == first.body && retry.header("Idempotent-Replayed") == "true")
        // The trail shows one delete and one replay, told apart by the replay's reason.
        let trail = try TestDatabase.query(
            "SELECT status, error_code, reason FROM audit_events WHERE project_id = $1 AND action LIKE 'DELETE %' ORDER BY event_id",
            [p])
        #expect(trail == [["200", nil, nil], ["200", nil, "idempotent_replay"]])
        // Executed again (no key), the delete says something else: the retry above did not execute.
        let unkeyed = try send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)", key: nil)
        #expect(try unkeyed.json()["message"]?.stringValue == "The job was already deleted.")
        #expect(try journal(p, "delete") == "1")
        // A stored error is replayed too (it was the endpoint's answer).
        let missing = try send("DELETE", "/v1.0/\(p)/streaming/jobs/9223372036854775807", key: "del-2")
        #expect(missing.status == 400 && missing.errorCode == "DLI.16001")
        let again = try send("DELETE", "/v1.0/\(p)/streaming/jobs/9223372036854775807", key: "del-2")
        #expect(again.status == 400 && again.body == missing.body && again.header("Idempotent-Replayed") == "true")
    }

    @Test func updateRunStopAndBatchesAreNotDoneTwice() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "life")
        let update = #"{"desc": "changed"}"#
        let u1 = try send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: update, key: "u")
        let u2 = try send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: update, key: "u")
        #expect(u1.status == 200 && u2.body == u1.body && u2.header("Idempotent-Replayed") == "true")
        #expect(try journal(p, "update") == "1")

        for (path, event) in [("run", "run"), ("stop", "stop"), ("delete", "delete")] {
            let body = #"{"job_ids": [\#(id)]}"#
            let r1 = try send("POST", "/v1.0/\(p)/streaming/jobs/\(path)", json: body, key: "batch-\(path)")
            let r2 = try send("POST", "/v1.0/\(p)/streaming/jobs/\(path)", json: body, key: "batch-\(path)")
            #expect(r1.status == 200 && r1.bodyString.contains(#""is_success":"true""#), "\(path): \(r1.bodyString)")
            #expect(r2.body == r1.body && r2.header("Idempotent-Replayed") == "true", "\(path)")
            #expect(try journal(p, event) == "1", "\(path)")
        }
        // Without a key the same run is executed, and refused: the job is deleted now.
        let unkeyed = try send("POST", "/v1.0/\(p)/streaming/jobs/run", json: #"{"job_ids": [\#(id)]}"#, key: nil)
        #expect(unkeyed.bodyString.contains(#""is_success":"false""#))
    }

    @Test func templatesCreateUpdateDeleteWithAKeyActOnce() throws {
        let p = uniqueProject()
        let c1 = try send("POST", "/v1.0/\(p)/streaming/job-templates", json: #"{"name": "t"}"#, key: "tc")
        let c2 = try send("POST", "/v1.0/\(p)/streaming/job-templates", json: #"{"name": "t"}"#, key: "tc")
        #expect(c1.status == 200 && c2.body == c1.body && c2.header("Idempotent-Replayed") == "true")
        #expect(try count("SELECT count(*) FROM job_templates WHERE project_id = $1", [p]) == "1")
        let id = try #require(try c1.json()["template"]?["template_id"]?.int64Value)
        let target = "/v1.0/\(p)/streaming/job-templates/\(id)"
        let u1 = try send("PUT", target, json: #"{"desc": "d"}"#, key: "tu")
        #expect(u1.status == 200)
        #expect(try send("PUT", target, json: #"{"desc": "d"}"#, key: "tu").body == u1.body)
        let d1 = try send("DELETE", target, key: "td")
        let d2 = try send("DELETE", target, key: "td")
        #expect(
            d1.status == 200 && d2.status == 200 && d2.body == d1.body && d2.header("Idempotent-Replayed") == "true")
        #expect(try send("DELETE", target, key: nil).status == 400)  // executed anew: the template is gone
    }

    @Test func anExpiredKeyExecutesAnewAndExpiredKeysArePurged() throws {
        let p = uniqueProject()
        let create = #"{"name": "x", "sql_body": "SELECT 1"}"#
        #expect(try send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: create, key: "old").status == 200)
        _ = try TestDatabase.query(
            "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE project_id = $1", [p])
        // Executed anew: the name is taken now, so the create is refused (a replay would say 200).
        let again = try send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: create, key: "old")
        #expect(again.status == 400 && again.errorCode == "DLI.0006" && again.header("Idempotent-Replayed") == nil)
        #expect(try count("SELECT state FROM idempotency_keys WHERE project_id = $1 AND key = 'old'", [p]) == "done")

        // Another key's reservation deletes the project's expired keys.
        _ = try TestDatabase.query(
            "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE project_id = $1", [p])
        #expect(
            try send("POST", "/v1.0/\(p)/streaming/job-templates", json: #"{"name": "t"}"#, key: "new").status == 200)
        #expect(try TestDatabase.query("SELECT key FROM idempotency_keys WHERE project_id = $1", [p]) == [["new"]])
    }

    @Test func aKeyStillExecutingIs409RetryAfterAndAnAbandonedOneIsReportedUnknown() throws {
        let p = uniqueProject()
        let create = #"{"name": "x", "sql_body": "SELECT 1"}"#
        #expect(try send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: create, key: "k").status == 200)
        // As if the first request were still executing (reserved, nothing stored, lease running)…
        _ = try TestDatabase.query(
            """
            UPDATE idempotency_keys SET state = 'in_progress', status = NULL, content_type = NULL, body = NULL,
                completed_at = NULL, lease_until = now() + interval '1 minute' WHERE project_id = $1
            """, [p])
        let busy = try send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: create, key: "k")
        #expect(busy.status == 409 && busy.errorCode == "DLI.0012" && busy.header("Retry-After") == "1")
        // …and as if it had crashed after its change, before storing its response.
        _ = try TestDatabase.query(
            "UPDATE idempotency_keys SET lease_until = now() - interval '1 second' WHERE project_id = $1", [p])
        let unknown = try send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: create, key: "k")
        #expect(unknown.status == 409 && unknown.errorCode == "DLI.0999" && unknown.header("Retry-After") == nil)
        let reasons = try TestDatabase.query(
            "SELECT error_code, reason FROM audit_events WHERE project_id = $1 AND reason IS NOT NULL ORDER BY event_id", [p])
        #expect(reasons == [["DLI.0012", "idempotency_in_progress"], ["DLI.0999", "idempotency_outcome_unknown"]])
        #expect(try unknown.json()["error_msg"]?.stringValue?.contains("outcome is unknown") == true)
        #expect(try count("SELECT count(*) FROM jobs WHERE project_id = $1", [p]) == "1", "never executed twice")
    }

    @Test func aMalformedKeyIs400NamingTheHeaderAndReservesNothing() throws {
        let p = uniqueProject()
        let target = "/v1.0/\(p)/streaming/sql-jobs"
        let create = #"{"name": "x", "sql_body": "SELECT 1"}"#
        for headers in [
            [("Idempotency-Key", String(repeating: "k", count: 256))], [("Idempotency-Key", "cl\u{e9}")],
            [("Idempotency-Key", "a"), ("Idempotency-Key", "b")],
        ] {
            let r = try service.send("POST", target, json: create, headers: headers)
            #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(headers.map(\.1.count))")
            #expect(try r.json()["error_msg"]?.stringValue?.contains("'Idempotency-Key'") == true)
        }
        let longest = String(repeating: "~", count: 255)
        #expect(try send("POST", target, json: create, key: longest).status == 200)
        #expect(try count("SELECT count(*) FROM idempotency_keys WHERE project_id = $1", [p]) == "1")
        #expect(try count("SELECT count(*) FROM jobs WHERE project_id = $1", [p]) == "1")
    }

    @Test func failedAuthenticationAndReadsNeverTouchTheKeys() throws {
        let p = uniqueProject()
        let denied = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "x", "sql_body": "SELECT 1"}"#,
            headers: [("X-Auth-Token", "not-a-token"), ("Idempotency-Key", "k")])
        #expect(denied.status == 401)
        #expect(try send("GET", "/v1.0/\(p)/streaming/jobs", key: "k").status == 200)
        #expect(try count("SELECT count(*) FROM idempotency_keys WHERE project_id = $1", [p]) == "0")
        // The key is still free: the authenticated request executes.
        let created = try send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "x", "sql_body": "SELECT 1"}"#, key: "k")
        #expect(created.status == 200 && created.header("Idempotent-Replayed") == nil)
    }
}

/// Responses collected from plain threads.
final class Answers: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var items: [HTTPTestResponse?] = []
    func append(_ r: HTTPTestResponse?) { lock.withLock { items.append(r) } }
    var values: [HTTPTestResponse?] { lock.withLock { items } }
}
