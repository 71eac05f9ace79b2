import Testing

@testable import JobDomain

/// Every (status, engine event) pair, with the expected target status (nil: the event changes nothing).
@Suite struct JobStateMachineEngineTests {
    typealias S = JobStatus

    /// Statuses of a job that was submitted and is not being stopped.
    static let started: Set<S> = [.jobSubmitting, .jobRunning, .jobDownloading, .jobIdle, .jobArrearageRecovering]
    /// Statuses of a job being stopped.
    static let stopping: Set<S> = [.jobCanceling, .jobSavepointing, .jobCancelFail]

    static let id = EngineJobID("0123456789abcdef0123456789abcdef")!
    static let events: [EngineEvent] = [
        .submitted(id), .submitFailed(reason: "bad SQL"), .running, .failed(reason: "boom"), .finished, .canceled,
        .stopRequested(savepoint: true), .stopRequested(savepoint: false), .savepointCompleted(path: "file:/sp"),
        .savepointFailed(reason: "io"), .lost, .stopFailed(reason: "still cancelling"),
    ]

    static func expected(_ s: S, _ e: EngineEvent) -> S? {
        switch e {
        case .submitted: return s == .jobSubmitting ? .jobSubmitting : nil
        case .submitFailed: return s == .jobSubmitting ? .jobSubmitFail : nil
        case .running: return started.contains(s) && s != .jobRunning ? .jobRunning : nil
        case .failed: return started.contains(s) ? .jobRunningException : stopping.contains(s) ? .jobCancelSuccess : nil
        case .finished: return started.contains(s) ? .jobFinish : stopping.contains(s) ? .jobCancelSuccess : nil
        case .canceled: return started.contains(s) || stopping.contains(s) ? .jobCancelSuccess : nil
        case .stopRequested(let sp):
            if started.contains(s) || s == .jobCancelFail { return sp ? .jobSavepointing : .jobCanceling }
            return s == .jobSavepointing && !sp ? .jobCanceling : nil
        case .savepointCompleted, .savepointFailed:
            return s == .jobSavepointing ? .jobCanceling : s == .jobRunning ? .jobRunning : nil
        case .lost: return started.contains(s) ? .jobSubmitting : stopping.contains(s) ? .jobCancelSuccess : nil
        case .stopFailed: return s == .jobCanceling || s == .jobSavepointing ? .jobCancelFail : nil
        }
    }

    static let pairs: [(S, EngineEvent)] = S.allCases.flatMap { s in events.map { (s, $0) } }

    @Test("every status × engine event pair", arguments: pairs)
    func pair(status: S, event: EngineEvent) {
        let t = JobStateMachine.transition(from: status, observing: event)
        #expect(t?.to == Self.expected(status, event), "\(status.rawValue) on \(event.name)")
        if let t {
            #expect(t.from == status && t.event == event)
            #expect(t.startsRunning == (t.to == .jobRunning && status != .jobRunning))
        }
    }

    @Test func reasonsReachTheStatusDescription() {
        #expect(JobStateMachine.transition(from: .jobRunning, observing: .failed(reason: "boom"))?.description == "boom")
        #expect(JobStateMachine.transition(from: .jobSubmitting, observing: .submitFailed(reason: "bad SQL"))?.description == "bad SQL")
    }

    @Test func aStopTheEngineDoesNotCarryOutEndsInCancelFailAndMayStillSucceed() throws {
        let failed = JobStateMachine.transition(from: .jobCanceling, observing: .stopFailed(reason: "still cancelling"))
        #expect(failed?.to == .jobCancelFail && failed?.description == "still cancelling" && failed?.engineWork == nil)
        #expect(EngineEvent.stopFailed(reason: "x").name == "engine_stop_failed")
        // Still live: polled, and an engine job that ends after all is a successful stop.
        #expect(JobStatus.jobCancelFail.mayBeLiveOnEngine)
        for late in [EngineEvent.canceled, .finished, .failed(reason: "boom"), .lost] {
            #expect(JobStateMachine.transition(from: .jobCancelFail, observing: late)?.to == .jobCancelSuccess)
        }
        #expect(JobStateMachine.transition(from: .jobCancelFail, observing: .running) == nil)
        // The user may stop it again (a cancel); a run needs a stop first.
        let again = try JobStateMachine.transition(from: .jobCancelFail, on: .stop(triggerSavepoint: true))
        #expect(again.to == .jobCanceling && again.engineWork == .cancel)
        #expect(throws: JobError.self) { try JobStateMachine.transition(from: .jobCancelFail, on: .run(resumeSavepoint: false)) }
    }

    @Test func savepointsAreRecordedAndLostJobsResubmitted() {
        let sp = JobStateMachine.transition(from: .jobSavepointing, observing: .savepointCompleted(path: "file:/sp"))
        #expect(sp?.savepointPath == "file:/sp" && sp?.to == .jobCanceling)
        #expect(JobStateMachine.transition(from: .jobRunning, observing: .lost)?.engineWork == .restore)
        #expect(JobStateMachine.transition(from: .jobCanceling, observing: .lost)?.engineWork == nil)
    }

    @Test func derivedEngineIDsAreStableAndDistinct() {
        let p = ProjectID("p1")!
        let a = EngineJobID.derived(project: p, job: JobID(1)!, workVersion: 2)
        #expect(a == EngineJobID.derived(project: p, job: JobID(1)!, workVersion: 2))
        #expect(a != EngineJobID.derived(project: p, job: JobID(1)!, workVersion: 3))
        #expect(a != EngineJobID.derived(project: ProjectID("p2")!, job: JobID(1)!, workVersion: 2))
        #expect(a.rawValue.count == 32)
    }
}
