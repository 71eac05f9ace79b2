import Dispatch
import Synchronization
import Testing
import TestSupport

/// The endpoints that block on a pooled connection run on the blocking executor, so they hold no HTTP
/// worker: with one worker and one pooled connection, a `/readyz` waiting for that connection does not
/// hold up a GET of a job (which reads through the pipelines), and it is answered once the connection
/// is free. (The job endpoints no longer use the pool: they run as pipeline units.)
@Suite(.enabled(if: TestDatabase.isConfigured)) struct BlockingRoutesTests {
    @Test func aReadinessCheckWaitingForTheOnlyConnectionHoldsUpNoOtherRequest() throws {
        let service = try LiveService(
            databaseURL: try TestDatabase.migrated(),
            extra: ["STREAMJOBS_HTTP_THREADS": "1", "STREAMJOBS_DB_POOL_SIZE": "1", "STREAMJOBS_DB_CHECKOUT_TIMEOUT_MS": "10000"])
        let project = uniqueProject()
        let id = try service.createJob(project: project, name: "blocking-routes")
        let pool = service.runtime.pool
        let endpoint = service.endpoint
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let readyStatus = Atomic<Int>(0)
        let showStatus = Atomic<Int>(0)
        let readyAnsweredBeforeShow = Atomic<Bool>(false)
        onThreads(3) { thread in
            switch thread {
            case 0:  // holds the pool's only connection until the GET is answered
                try? pool.withConnection { _ in
                    held.signal()
                    held.signal()
                    release.wait()
                }
            case 1:  // a readiness check, which waits for that connection
                held.wait()
                let status = try? endpoint.client().send(method: "GET", target: "/readyz", headers: [], body: nil).status
                readyStatus.store(status ?? -1, ordering: .releasing)
            default:  // a GET of the job while the readiness check waits
                held.wait()
                sleep(milliseconds: 300)
                let status = try? endpoint.client().send(
                    method: "GET", target: "/v1.0/\(project)/streaming/jobs/\(id)", headers: [], body: nil
                ).status
                readyAnsweredBeforeShow.store(readyStatus.load(ordering: .acquiring) != 0, ordering: .relaxed)
                showStatus.store(status ?? -1, ordering: .relaxed)
                release.signal()
            }
        }
        #expect(showStatus.load(ordering: .relaxed) == 200)
        let readyFirst = readyAnsweredBeforeShow.load(ordering: .relaxed)
        #expect(!readyFirst, "the readiness check was still waiting for the connection when the GET was answered")
        #expect(readyStatus.load(ordering: .acquiring) == 200)
    }

    @Test func blockingWorkNotStartedWhenTheGracePeriodEndsIsNotDoneAndAnswered503() throws {
        let database = try TestDatabase.migrated()
        let service = try LiveService(
            databaseURL: database,
            extra: ["STREAMJOBS_HTTP_THREADS": "1", "STREAMJOBS_DB_POOL_SIZE": "1", "STREAMJOBS_DB_CHECKOUT_TIMEOUT_MS": "10000"])
        let project = uniqueProject()
        let id = try service.createJob(project: project, name: "kept-at-shutdown")
        let runtime = service.runtime
        let endpoint = service.endpoint
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let readyStatus = Atomic<Int>(0)
        let deleteStatus = Atomic<Int>(0)
        onThreads(4) { thread in
            switch thread {
            case 0:  // holds the pool's only connection: `/readyz` runs and waits, the delete stays queued
                try? runtime.pool.withConnection { _ in
                    held.signal()
                    held.signal()
                    release.wait()
                }
            case 1:  // takes the executor's only thread and waits there for the connection
                held.wait()
                let status = try? endpoint.client().send(method: "GET", target: "/readyz", headers: [], body: nil).status
                readyStatus.store(status ?? -1, ordering: .relaxed)
            case 2:
                held.wait()
                sleep(milliseconds: 150)  // after the readiness check
                let status = try? endpoint.client().send(
                    method: "POST", target: "/v1.0/\(project)/streaming/jobs/delete",
                    headers: [("Content-Type", "application/json")], body: Array(#"{"job_ids": [\#(id)]}"#.utf8)
                ).status
                deleteStatus.store(status ?? -1, ordering: .relaxed)
            default:
                sleep(milliseconds: 400)
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(500)) { release.signal() }
                runtime.shutdown(gracePeriod: .milliseconds(200))
            }
        }
        #expect(readyStatus.load(ordering: .relaxed) == 200, "the readiness check had started: it finished and was answered")
        // The server sends 503 to what is still parked, or cuts the connection if it cannot in time.
        #expect([503, -1].contains(deleteStatus.load(ordering: .relaxed)), "the delete had not started: 503")
        let after = try LiveService(databaseURL: database)
        #expect(try after.send("GET", "/v1.0/\(project)/streaming/jobs/\(id)").status == 200, "and not carried out")
    }
}
