import JSONCodec
import Testing
import TestSupport

/// One concurrency contract for job mutations (issue 17, an extension beyond DLI): a job's detail carries
/// its version as a strong `ETag`; update, run, stop, savepoint, delete and the batches with one id honour
/// `If-Match`, so a change made meanwhile answers 412 and changes nothing. Without the header, nothing
/// changes from today; on operations that do not change one job the header is refused, not ignored.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct IfMatchAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated()) }

    func etag(_ p: String, _ id: Int64) throws -> String {
        let r = try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)")
        #expect(r.status == 200)
        return try #require(r.header("ETag"))
    }

    func name(_ p: String, _ id: Int64) throws -> String? {
        try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)").json()["job_detail"]?["name"]?.stringValue
    }

    func expectPreconditionFailed(_ r: HTTPTestResponse, current: String) {
        #expect(r.status == 412 && r.errorCode == "DLI.0001", "\(r.status) \(r.bodyString)")
        #expect(r.bodyString.contains("If-Match") && r.header("ETag") == current, "\(r.bodyString)")
    }

    @Test func updateAndDeleteApplyOnlyToTheVersionRead() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "first")
        let read = try etag(p, id)
        #expect(read.hasPrefix("\"") && read.hasSuffix("\""), "\(read)")

        let updated = try service.send(
            "PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"name": "second"}"#, headers: [("If-Match", read)])
        #expect(updated.status == 200, "\(updated.bodyString)")
        let now = try etag(p, id)
        #expect(now != read)

        // A writer still holding the first read loses, and changes nothing.
        expectPreconditionFailed(
            try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"name": "third"}"#, headers: [("If-Match", read)]),
            current: now)
        #expect(try name(p, id) == "second")
        expectPreconditionFailed(
            try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)", headers: [("If-Match", read)]), current: now)
        #expect(try name(p, id) == "second")

        // `*` and no header set no precondition; the current ETag deletes.
        #expect(try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"desc": "d"}"#, headers: [("If-Match", "*")]).status == 200)
        let last = try etag(p, id)
        #expect(try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)", headers: [("If-Match", last)]).status == 200)
        #expect(try name(p, id) == nil)
    }

    @Test func batchesHonourIfMatchForOneJobOnly() throws {
        let p = uniqueProject()
        let a = try service.createJob(project: p, name: "a")
        let b = try service.createJob(project: p, name: "b")
        let tagA = try etag(p, a)
        let two = try service.send(
            "POST", "/v1.0/\(p)/streaming/jobs/delete", json: "{\"job_ids\": [\(a), \(b)]}", headers: [("If-Match", tagA)])
        #expect(two.status == 400 && two.bodyString.contains("If-Match"), "\(two.bodyString)")
        #expect(try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(a)", json: #"{"desc": "x"}"#).status == 200)
        expectPreconditionFailed(
            try service.send(
                "POST", "/v1.0/\(p)/streaming/jobs/delete", json: "{\"job_ids\": [\(a)]}", headers: [("If-Match", tagA)]),
            current: try etag(p, a))
        #expect(try name(p, a) == "a")
        let deleted = try service.send(
            "POST", "/v1.0/\(p)/streaming/jobs/delete", json: "{\"job_ids\": [\(a)]}", headers: [("If-Match", try etag(p, a))])
        #expect(deleted.status == 200 && deleted.bodyString.contains("\"true\""), "\(deleted.bodyString)")
    }

    @Test func malformedOrMisplacedIfMatchIsRefused() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "j")
        for value in ["W/\"1\"", "1", "\"x\"", "\"1\", \"2\""] {
            let r = try service.send(
                "PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"desc": "d"}"#, headers: [("If-Match", value)])
            #expect(r.status == 400 && r.errorCode == "DLI.0001" && r.bodyString.contains("If-Match"), "\(value): \(r.bodyString)")
        }
        let create = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "k", "sql_body": "SELECT 1"}"#, headers: [("If-Match", "\"1\"")])
        #expect(create.status == 400 && create.bodyString.contains("If-Match"), "\(create.bodyString)")
        // Another project's job, with a plausible ETag: the same not-found answer as without it.
        let other = try service.send(
            "DELETE", "/v1.0/\(uniqueProject())/streaming/jobs/\(id)", headers: [("If-Match", "\"1\"")])
        #expect(other.status != 412 && other.status != 200, "\(other.status) \(other.bodyString)")
    }
}
