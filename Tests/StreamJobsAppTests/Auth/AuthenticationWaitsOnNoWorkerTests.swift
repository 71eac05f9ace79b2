import Dispatch
import Synchronization
import Testing
import TestSupport

/// Authentication never waits on an HTTP worker: with one worker and every pooled connection held, a
/// GET with a token and one signed with AK/SK are answered (the credential lookup goes through the
/// pipelines, as the job read does), and so is a failed authentication (its audit record too).
@Suite(.enabled(if: TestDatabase.isConfigured)) struct AuthenticationWaitsOnNoWorkerTests {
    @Test func requestsAreAuthenticatedWhileEveryPooledConnectionIsHeld() throws {
        let live = try AuthenticatedService(extra: [
            "STREAMJOBS_HTTP_THREADS": "1", "STREAMJOBS_DB_POOL_SIZE": "1", "STREAMJOBS_DB_CHECKOUT_TIMEOUT_MS": "5000",
        ])
        let project = uniqueProject()
        let token = try live.token(project: project)
        let key = try live.accessKey(project: project)
        let created = try live.service.send(
            "POST", "/v1.0/\(project)/streaming/sql-jobs", json: #"{"name": "held", "sql_body": "SELECT 1"}"#,
            headers: [("X-Auth-Token", token.token)])
        let id = try #require(try created.json()["job"]?["job_id"]?.int64Value, "\(created.bodyString)")
        let pool = live.service.runtime.pool
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let stillHeld = Atomic<Bool>(false)
        DispatchQueue.global().async {  // holds the pool's only connection until the requests are answered
            try? pool.withConnection { _ in
                stillHeld.store(true, ordering: .releasing)
                held.signal()
                release.wait()
                stillHeld.store(false, ordering: .releasing)
            }
            done.signal()
        }
        held.wait()
        let target = "/v1.0/\(project)/streaming/jobs/\(id)"
        let withToken = try? live.service.send("GET", target, headers: [("X-Auth-Token", token.token)]).status
        let signed = try? live.signed("GET", target, key: key).status
        let wrong = try? live.service.send("GET", target, headers: [("X-Auth-Token", "sjt_not-a-token")]).status
        let answeredWhileHeld = stillHeld.load(ordering: .acquiring)
        release.signal()
        done.wait()
        let statuses = Mutex([withToken ?? -1, signed ?? -1, wrong ?? -1, answeredWhileHeld ? 1 : 0])
        #expect(statuses.withLock { $0 } == [200, 200, 401, 1], "token, AK/SK, bad token, answered while held")
    }
}
