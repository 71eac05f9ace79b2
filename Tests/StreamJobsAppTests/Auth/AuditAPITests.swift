import Auth
import Foundation
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
        // The batch changed one job: its event was committed with that change (one per job changed).
        #expect(events[2].targets == ["job_id=\(id)"] && events[2].status == 200)
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
        #expect(forbidden.count == 1, "counted apart from the anonymous failures of the same address")
        #expect(forbidden.allSatisfy { $0.actor == other.credentialID && $0.status == 403 })
    }
}

/// Audit under a hostile tenant: each project's trail holds the failures on its own path, counted
/// apart from every other project's, and nobody writes into the trail of a project without credentials.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct AuditIsolationAPITests {
    let live: AuthenticatedService
    init() throws { live = try AuthenticatedService() }

    @Test func deniedRequestsOfOneTenantGoToTheVictimsTrailCountedApart() throws {
        let a = uniqueProject("a")
        let b = uniqueProject("b")
        let x = uniqueProject("x")
        let keyA = try live.accessKey(project: a)
        let keyB = try live.accessKey(project: b)
        _ = try live.accessKey(project: x)
        let create = try live.signed("POST", "/v1.0/\(b)/streaming/sql-jobs", json: #"{"name": "victim"}"#, key: keyB)
        let job = try #require(try create.json()["job"]?["job_id"]?.int64Value)
        // The same address first fails on x's path (no credentials sent)...
        #expect(try live.service.send("DELETE", "/v1.0/\(x)/streaming/jobs/1").status == 401)
        // ...then A's credential is refused 15 times on B's job; after the throttle's second, once more on
        // each path.
        for _ in 0..<15 {
            #expect(try live.signed("DELETE", "/v1.0/\(b)/streaming/jobs/\(job)", key: keyA).status == 403)
        }
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try live.service.send("DELETE", "/v1.0/\(x)/streaming/jobs/1").status == 401)
        #expect(try live.signed("DELETE", "/v1.0/\(b)/streaming/jobs/\(job)", key: keyA).status == 403)

        let denied = try live.events(b).filter { $0.reason == "wrong_project" }
        #expect(!denied.isEmpty && denied.allSatisfy { $0.actor == keyA.credentialID && $0.status == 403 })
        #expect(denied.reduce(0) { $0 + $1.count } == 16, "every refusal on B's path is counted in B's trail")
        let xs = try live.events(x)
        #expect(xs.map(\.count) == [1, 1] && xs.allSatisfy { $0.reason == "missing_credentials" }, "x's records count only x's failures")
        #expect(try live.events(a).isEmpty)
    }

    @Test func failuresOnAPathWithoutCredentialsGoToTheOperatorTrail() throws {
        let nobody = uniqueProject("nobody")
        let other = try live.accessKey(project: uniqueProject("o"))
        #expect(try live.service.send("POST", "/v1.0/\(nobody)/streaming/sql-jobs", json: #"{"name": "x"}"#).status == 401)
        #expect(try live.signed("DELETE", "/v1.0/\(nobody)/streaming/jobs/1", key: other).status == 403)
        #expect(try live.events(nobody).isEmpty, "an anonymous client cannot write into an unclaimed project's trail")
        let mine = try live.audit.events(project: AuditScope.operatorScope, sinceMillis: 0, limit: 100_000)
            .map(\.event).filter { $0.targets == ["project_id=\(nobody)"] }
        #expect(mine.compactMap(\.reason).sorted() == ["missing_credentials", "wrong_project"])
        #expect(mine.allSatisfy { $0.projectID == AuditScope.operatorScope })
        #expect(mine.first { $0.reason == "wrong_project" }?.actor == other.credentialID)
    }
}
