import Synchronization
import Testing

@testable import JobDomain

/// The stop deadline's rule in `Reconciler+Stop.swift`, with a fake engine whose job never finishes
/// cancelling and an in-memory work queue (the same rule runs against real Flink in CancelFailFlinkTests).
@Suite struct ReconcilerStopRuleFakeEngineTests {
    static let engineID = EngineJobID("0123456789abcdef0123456789abcdef")!

    /// A fake engine: the job stays in `state`; cancel answers `cancelAnswer`, counting the calls.
    final class StuckEngine: StubEngine {
        let state: EngineJobState
        let cancelAnswer: EngineError?
        let cancels = Mutex(0)
        /// The `drain` flag of each stop-with-savepoint asked for.
        let savepointStops = Mutex<[Bool]>([])
        init(state: EngineJobState = .cancelling, cancelAnswer: EngineError? = nil) {
            self.state = state
            self.cancelAnswer = cancelAnswer
        }
        func status(of id: EngineJobID) throws(EngineError) -> EngineJobStatus {
            EngineJobStatus(state: state, allTasksRunning: false)
        }
        func cancel(_ id: EngineJobID) throws(EngineError) {
            cancels.withLock { $0 += 1 }
            if let cancelAnswer { throw cancelAnswer }
        }
        func stopWithSavepoint(_ id: EngineJobID, project: ProjectID, directory: String?, drain: Bool) throws(EngineError)
            -> SavepointRequestID
        {
            savepointStops.withLock { $0.append(drain) }
            return SavepointRequestID("r1")
        }
    }

    /// One job's row in memory: applies transitions, records how the work item ended.
    final class OneJobQueue: EngineWorkQueue {
        let state: Mutex<(record: EngineJobRecord, events: [String], outcome: String?, rescheduledStep: EngineWorkStep?)>
        init(_ record: EngineJobRecord) { state = Mutex((record, [], nil, nil)) }
        var record: EngineJobRecord { state.withLock { $0.record } }
        var events: [String] { state.withLock { $0.events } }
        var outcome: String? { state.withLock { $0.outcome } }
        var rescheduledStep: EngineWorkStep? { state.withLock { $0.rescheduledStep } }

        func claimWork(owner: String, leaseMillis: Int64, limit: Int) throws(JobError) -> [EngineWorkItem] { [] }
        func claimPolls(owner: String, intervalMillis: Int64, limit: Int) throws(JobError) -> [EngineJobRecord] { [] }
        func record(project: ProjectID, job: JobID) throws(JobError) -> EngineJobRecord? { record }
        func apply(_ transition: EngineTransition, project: ProjectID, job: JobID, expectedVersion: Int64, actor: String)
            throws(JobError) -> CommitOutcome
        {
            state.withLock { s in
                guard s.record.job.version == expectedVersion else { return .versionConflict }
                s.record.job.status = transition.to
                s.record.job.statusDescription = transition.description
                s.record.job.version += 1
                s.events.append(transition.event.name)
                return .applied(version: s.record.job.version)
            }
        }
        func describe(_ description: String, project: ProjectID, job: JobID, expectedVersion: Int64) throws(JobError) {
            state.withLock { $0.record.job.statusDescription = description }
        }
        func setEngineJob(
            _ id: EngineJobID, project: ProjectID, job: JobID, checkpointDir: String?, restoredFrom: String?
        ) throws(JobError) {}
        func recordEngineRestarts(_ restarts: Int, of id: EngineJobID, project: ProjectID, job: JobID) throws(JobError) {
            state.withLock { s in
                guard s.record.engineJobID == id, restarts > s.record.engineRestarts else { return }
                s.record.job.restartTimes += restarts - s.record.engineRestarts
                s.record.engineRestarts = restarts
            }
        }
        func reschedule(
            _ item: EngineWorkItem, owner: String, step: EngineWorkStep, savepointRequest: SavepointRequestID?,
            delayMillis: Int64, restartStepClock: Bool, note: String?
        ) throws(JobError) { state.withLock { $0.rescheduledStep = step } }
        func complete(_ item: EngineWorkItem, owner: String, outcome: String) throws(JobError) {
            state.withLock { $0.outcome = outcome }
        }
    }

    static func record(_ status: JobStatus, deleted: Bool = false) -> EngineJobRecord {
        var job = Job(
            projectID: ProjectID("p1")!, id: JobID(7)!, name: "stuck", description: "", jobType: .flinkJar,
            status: status, statusDescription: "", queueName: nil, userName: nil, runMode: .sharedCluster, sqlBody: nil,
            templateID: nil, config: JobConfig(), tags: [], edgeGroupIDs: [], rootID: -1, hasSavepoint: false,
            savepointPath: nil, createdAtMillis: 0, updatedAtMillis: 0, startedAtMillis: nil, version: 5)
        job.statusDescription = "cancelling on the engine"
        return EngineJobRecord(job: job, isDeleted: deleted, engineJobID: engineID)
    }

    static func item(_ kind: EngineWork, step: EngineWorkStep, ageMillis: Int64) -> EngineWorkItem {
        EngineWorkItem(
            project: ProjectID("p1")!, jobID: JobID(7)!, workVersion: 4, kind: kind, step: step, savepointRequest: nil,
            attempts: 3, stepAgeMillis: ageMillis)
    }

    static func reconciler(_ queue: OneJobQueue, _ engine: StuckEngine) -> Reconciler {
        var configuration = ReconcilerConfiguration(owner: "test")
        configuration.stopDeadlineMillis = 3000
        return Reconciler(queue: queue, engine: engine, configuration: configuration)
    }

    @Test func aCancelStillUnfinishedAfterTheDeadlineEndsInCancelFail() throws {
        let queue = OneJobQueue(Self.record(.jobCanceling))
        let engine = StuckEngine()
        var report = Reconciler.TickReport()
        let r = Self.reconciler(queue, engine)
        // Within the deadline: look again later.
        try r.stop(Self.item(.cancel, step: .requested, ageMillis: 2000), queue.record, savepoint: false, drain: false, report: &report)
        #expect(queue.record.job.status == .jobCanceling && queue.rescheduledStep == .requested && queue.outcome == nil)
        // Past it: job_cancel_fail with the reason, the work is done, no further cancel is sent.
        try r.stop(Self.item(.cancel, step: .requested, ageMillis: 3500), queue.record, savepoint: false, drain: false, report: &report)
        #expect(queue.record.job.status == .jobCancelFail)
        #expect(queue.record.job.statusDescription.contains("did not finish cancelling the job within 3 s (engine state CANCELLING)"))
        #expect(queue.events == ["engine_stop_failed"] && queue.outcome == "cancel failed")
        #expect(engine.cancels.withLock { $0 } == 0)
    }

    @Test func aDeletedJobsCancelIsSentAgainInstead() throws {
        let queue = OneJobQueue(Self.record(.jobCanceling, deleted: true))
        let engine = StuckEngine()
        var report = Reconciler.TickReport()
        try Self.reconciler(queue, engine).stop(
            Self.item(.cancel, step: .requested, ageMillis: 3500), queue.record, savepoint: false, drain: false, report: &report)
        #expect(queue.record.job.status == .jobCanceling && queue.outcome == nil && queue.rescheduledStep == .requested)
        #expect(engine.cancels.withLock { $0 } == 1)
    }

    @Test func aRefusedCancelEndsInCancelFailAtOnce() throws {
        let queue = OneJobQueue(Self.record(.jobCanceling))
        let engine = StuckEngine(state: .running, cancelAnswer: .rejected("cancel refused"))
        var report = Reconciler.TickReport()
        try Self.reconciler(queue, engine).stop(
            Self.item(.cancel, step: .new, ageMillis: 0), queue.record, savepoint: false, drain: false, report: &report)
        #expect(queue.record.job.status == .jobCancelFail)
        #expect(queue.record.job.statusDescription == "the engine refused to cancel the job: cancel refused")
        #expect(queue.outcome == "cancel failed")
    }

    @Test func anUnreachableEngineKeepsTheStopPending() throws {
        let queue = OneJobQueue(Self.record(.jobCanceling))
        let engine = StuckEngine(state: .running, cancelAnswer: .unavailable("connection refused"))
        var report = Reconciler.TickReport()
        try Self.reconciler(queue, engine).stop(
            Self.item(.cancel, step: .new, ageMillis: 0), queue.record, savepoint: false, drain: false, report: &report)
        #expect(queue.record.job.status == .jobCanceling && queue.outcome == nil && report.engineUnavailable)
    }

    /// A delete's own stop options (issue 17) override the service's: `policy` chooses cancel, savepoint
    /// or drain whatever `savepointOnDelete` says, and `deadline_seconds` replaces the stop deadline.
    @Test func aDeletesStopOptionsChooseHowAndHowLong() throws {
        func advance(_ options: StopOptions, savepointOnDelete: Bool) throws -> StuckEngine {
            let queue = OneJobQueue(Self.record(.jobRunning, deleted: true))
            let engine = StuckEngine(state: .running)
            var configuration = ReconcilerConfiguration(owner: "test")
            configuration.savepointOnDelete = savepointOnDelete
            var item = Self.item(.cancel, step: .new, ageMillis: 0)
            item.stopOptions = options
            var report = Reconciler.TickReport()
            try Reconciler(queue: queue, engine: engine, configuration: configuration).advance(item, report: &report)
            return engine
        }
        let cancelled = try advance(StopOptions(policy: .cancel), savepointOnDelete: true)
        #expect(cancelled.cancels.withLock { $0 } == 1 && cancelled.savepointStops.withLock { $0 }.isEmpty)
        let saved = try advance(StopOptions(policy: .savepoint), savepointOnDelete: false)
        #expect(saved.cancels.withLock { $0 } == 0 && saved.savepointStops.withLock { $0 } == [false])
        let drained = try advance(StopOptions(policy: .drain), savepointOnDelete: false)
        #expect(drained.savepointStops.withLock { $0 } == [true])
        let byService = try advance(StopOptions(), savepointOnDelete: true)
        #expect(byService.savepointStops.withLock { $0 } == [false])

        // The delete's deadline (1 s) instead of the service's (3 s): the cancel of a deleted job is sent
        // again at 1.5 s.
        let queue = OneJobQueue(Self.record(.jobCanceling, deleted: true))
        let engine = StuckEngine()
        var item = Self.item(.cancel, step: .requested, ageMillis: 1500)
        item.stopOptions = StopOptions(policy: .cancel, deadlineMillis: 1000)
        var report = Reconciler.TickReport()
        try Self.reconciler(queue, engine).stop(item, queue.record, savepoint: false, drain: false, report: &report)
        #expect(engine.cancels.withLock { $0 } == 1)
    }
}
