import Foundation
import JSONCodec
import Testing
import TestSupport

/// DELETE /v1.0/{project_id}/streaming/jobs/{job_id} end to end: real HTTP on loopback, real PostgreSQL.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct DeleteJobAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated()) }

    @Test func createShowDeleteAsADLIClientSeesIt() throws {
        let p = uniqueProject()
        let create = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs",
            json: #"{"name": "orders", "sql_body": "SELECT 1", "checkpoint_enabled": false, "tags": [{"key": "k", "value": "v"}]}"#)
        #expect(create.status == 200)
        let created = try create.json()
        #expect(created["is_success"] == .string("true"))  // a JSON string on job APIs (dli-api.md §6.3)
        #expect(created["job"]?["status_name"] == .string("job_init"))
        let id = try #require(created["job"]?["job_id"]?.int64Value)

        let show = try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)")
        #expect(show.status == 200)
        let detail = try #require(try show.json()["job_detail"])
        #expect(detail["job_id"]?.int64Value == id)
        #expect(detail["name"] == .string("orders"))
        #expect(detail["status"] == .string("job_init"))
        #expect(detail["job_type"] == .string("flink_opensource_sql_job"))
        #expect(detail["job_config"]?["checkpoint_mode"] == .string("exactly_once"))
        #expect(detail["job_config"]?["cu_number"]?.int64Value == 2)
        #expect(detail["create_time"]?.int64Value ?? 0 > 1_700_000_000_000)

        // What the official SDK sends on delete: JSON content type and an empty body.
        let delete = try service.send(
            "DELETE", "/v1.0/\(p)/streaming/jobs/\(id)",
            headers: [("Content-Type", "application/json"), ("Content-Length", "0"), ("X-Project-Id", p)])
        #expect(delete.status == 200)
        #expect(try delete.json()["is_success"] == .string("true"))
        #expect(try delete.json()["message"]?.stringValue == "The job is successfully deleted.")

        let gone = try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)")
        #expect(gone.status == 400 && gone.errorCode == "DLI.16001")

        // A repeated delete is idempotent.
        let again = try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)")
        #expect(try again.status == 200 && again.json()["is_success"] == .string("true"))
    }

    @Test func unknownJobIsDLI16001() throws {
        let r = try service.send("DELETE", "/v1.0/\(uniqueProject())/streaming/jobs/9223372036854775807")
        #expect(r.status == 400)
        #expect(r.errorCode == "DLI.16001")
        #expect(try r.json()["error_msg"]?.stringValue == "The job does not exist.")
    }

    @Test func anotherProjectCannotReadOrDeleteAJob() throws {
        let a = uniqueProject("a")
        let b = uniqueProject("b")
        let id = try service.createJob(project: a, name: "mine")
        let unknown = try service.send("DELETE", "/v1.0/\(b)/streaming/jobs/9223372036854775806")
        for (method, target) in [("DELETE", "/v1.0/\(b)/streaming/jobs/\(id)"), ("GET", "/v1.0/\(b)/streaming/jobs/\(id)")] {
            let r = try service.send(method, target)
            #expect(r.status == 400 && r.errorCode == "DLI.16001")
            // No hint: the same body as for an id that exists nowhere.
            #expect(r.body == unknown.body)
        }
        let still = try service.send("GET", "/v1.0/\(a)/streaming/jobs/\(id)")
        #expect(try still.status == 200 && still.json()["job_detail"]?["status"] == .string("job_init"))
    }

    @Test func fiftyConcurrentDeletesAllSucceedAndRecordOneTransition() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "contended")
        let endpoint = service.endpoint
        let statuses = ConcurrentResults()
        let group = DispatchGroup()
        for _ in 0..<50 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let status = (try? endpoint.client().send(method: "DELETE", target: "/v1.0/\(p)/streaming/jobs/\(id)"))?.status ?? -1
                statuses.append(status)
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(statuses.values == Array(repeating: 200, count: 50))
        let deletes = try TestDatabase.query(
            "SELECT count(*) FROM job_journal WHERE project_id = $1 AND job_id = $2 AND event = 'delete'", [p, String(id)])
        #expect(deletes == [["1"]])
    }

    static let badTargets: [(String, String)] = {
        let p = "0123456789abcdef0123456789abcdef"
        let job = "/v1.0/\(p)/streaming/jobs/"
        return [
            ("job_id", job + "0"), ("job_id", job + "-1"), ("job_id", job + "9223372036854775808"), ("job_id", job + "12a"),
            ("job_id", job + "1.5"), ("job_id", job + "%201"), ("job_id", job + "1%20"), ("job_id", job + "+1"),
            ("job_id", job + "0001"), ("job_id", job + "2%00junk"), ("job_id", job + "%C3%A9"),
            ("project_id", "/v1.0/a%2Fb/streaming/jobs/1"), ("project_id", "/v1.0/a%20b/streaming/jobs/1"),
            ("project_id", "/v1.0/\(String(repeating: "x", count: 65))/streaming/jobs/1"),
            ("project_id", "/v1.0/%C3%A9t%C3%A9/streaming/jobs/1"), ("project_id", "/v1.0/\u{e9}t\u{e9}/streaming/jobs/1"),
            ("project_id", "/v1.0/p%00/streaming/jobs/1"), ("project_id", "/v1.0/p%zz/streaming/jobs/1"),
            ("project_id", "/v1.0/\(String(repeating: "y", count: 10_000))/streaming/jobs/1"),
            ("job_id", job + String(repeating: "9", count: 10_000)),
        ]
    }()

    @Test("invalid ids are 400 DLI.0001 naming the parameter", arguments: badTargets)
    func invalidIDs(parameter: String, target: String) throws {
        for method in ["GET", "DELETE"] {
            let r = try service.send(method, target)
            #expect(r.status == 400, "\(method) \(target.prefix(80))")
            #expect(r.errorCode == "DLI.0001")
            #expect(try r.json()["error_msg"]?.stringValue?.contains("'\(parameter)'") == true)
        }
    }

    @Test func emptyProjectIDIsRejected() throws {
        let r = try service.send("GET", "/v1.0//streaming/jobs/1")
        #expect(r.status == 400 && r.errorCode == "DLI.0001")
    }

    @Test func unknownRouteIs404AndWrongMethodIs405WithAllow() throws {
        let p = uniqueProject()
        let missing = try service.send("GET", "/v1.0/\(p)/nothing-here")
        #expect(missing.status == 404 && missing.errorCode == "DLI.0023")
        let trailing = try service.send("GET", "/v1.0/\(p)/streaming/jobs/1/")
        #expect(trailing.status == 404)
        let wrong = try service.send("PATCH", "/v1.0/\(p)/streaming/jobs/1")
        #expect(wrong.status == 405 && wrong.errorCode == "DLI.0007")
        #expect(wrong.header("Allow") == "DELETE, GET")
        let lower = try service.send("delete", "/v1.0/\(p)/streaming/jobs/1")
        #expect(lower.status == 405)
    }

    @Test func everyResponseCarriesARequestID() throws {
        let echoed = try service.send("GET", "/v1.0/\(uniqueProject())/streaming/jobs/1", headers: [("X-Request-Id", "abc-123")])
        #expect(echoed.header("X-Request-Id") == "abc-123")
        let generated = try service.send("GET", "/nowhere")
        #expect((generated.header("X-Request-Id")?.count ?? 0) >= 16)
    }
}

/// Thread-safe collector for results from plain threads.
final class ConcurrentResults: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var items: [Int] = []
    func append(_ v: Int) { lock.withLock { items.append(v) } }
    var values: [Int] { lock.withLock { items } }
}
