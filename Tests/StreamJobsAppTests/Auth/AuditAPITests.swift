import Auth
import JSONCodec
import Testing
import TestSupport

/// The audit trail end to end: one record per mutating request, failed authentications bounded.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct AuditAPITests {
    let live: AuthenticatedService
    init() throws { live = try AuthenticatedService() }

    @Test func mutatingRequestsLeaveOneRecordEachAndReadsNone() throws {
        let p = uniqueProject("audit")
        let key = try live.accessKey(project: p)
        let create = try live.signed("POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "a"}"#, key: key)
        let id = try #require(try create.json()["job"]?["job_id"]?.int64Value)
        _ = try live.signed("GET", "/v1.0/\(p)/streaming/jobs/\(id)", key: key)
        let duplicate = try live.signed("POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "a"}"#, key: key)
        #expect(duplicate.status == 400)
        _ = try live.signed("POST", "/v1.0/\(p)/streaming/jobs/delete", json: #"{"job_ids": [\#(id), 999999]}"#, key: key)
        let events = try live.events(p)
        #expect(events.map(\.action) == [
            "POST /v1.0/{project_id}/streaming/sql-jobs", "POST /v1.0/{project_id}/streaming/sql-jobs",
            "POST /v1.0/{project_id}/streaming/jobs/delete",
        ])
        #expect(events.allSatisfy { $0.actor == key.credentialID && $0.clientAddress == "127.0.0.1" && $0.reason == nil })
        #expect(events[0].targets == ["job_id=\(id)"] && events[0].status == 200)
        #expect(events[0].requestID == create.headers.first { $0.0.lowercased() == "x-request-id" }?.1)
        #expect(events[2].targets == ["job_id=\(id)", "job_id=999999"])
        #expect(events[1].status == 400 && events[1].errorCode == "DLI.0006")
        let dump = events.map { "\($0)" }.joined()
        #expect(!dump.contains(key.secretKey))
    }

    @Test func failedAuthenticationsAreRecordedButBounded() throws {
        let p = uniqueProject("audit")
        let key = try live.accessKey(project: p)
        for _ in 0..<30 {
            let r = try live.signed("DELETE", "/v1.0/\(p)/streaming/jobs/1", key: key, date: 0)
            #expect(r.status == 401)
        }
        let other = try live.accessKey(project: uniqueProject("audit"))
        _ = try live.signed("DELETE", "/v1.0/\(p)/streaming/jobs/1", key: other)
        let events = try live.events(p)
        let failures = events.filter { $0.reason == "date_out_of_window" }
        #expect(!failures.isEmpty && failures.count <= 3, "at most one per client address and second")
        #expect(failures.allSatisfy { $0.status == 401 && $0.errorCode == "DLI.0013" && $0.actor == "anonymous" })
        let forbidden = events.filter { $0.reason == "wrong_project" }
        #expect(forbidden.count <= 1)
        #expect(forbidden.allSatisfy { $0.actor == other.credentialID && $0.status == 403 })
    }
}
