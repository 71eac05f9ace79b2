import Synchronization
import Testing

@testable import JobDomain

/// Job logs in the reconciler (`Reconciler+Logs.swift`, `JobLogCollection`), with a fake engine and an
/// in-memory work queue (the files themselves are written by the real engine in JobLogsFlinkTests).
@Suite struct ReconcilerLogsFakeEngineTests {
    typealias Stop = ReconcilerStopRuleFakeEngineTests
    static let engineID = Stop.engineID

    /// A fake engine: `collectLogs` answers `answer` and records the requests; the job's state is `state`.
    final class LogEngine: StubEngine {
        let answer: Result<EngineLogReport, EngineError>
        let state: EngineJobState
        let requests = Mutex<[EngineLogRequest]>([])
        init(_ answer: Result<EngineLogReport, EngineError>, state: EngineJobState = .failed) {
            self.answer = answer
            self.state = state
        }
        func collectLogs(_ request: EngineLogRequest) throws(EngineError) -> EngineLogReport {
            requests.withLock { $0.append(request) }
            return try answer.get()
        }
        func status(of id: EngineJobID) throws(EngineError) -> EngineJobStatus {
            EngineJobStatus(state: state, allTasksRunning: false, failureReason: "boom")
        }
    }

    /// One job in memory: records every transition applied, and how work items ended.
    final class Queue: EngineWorkQueue {
        struct State {
            var record: EngineJobRecord
            var applied: [EngineTransition] = []
            var outcome: String?
            var rescheduled = 0
        }
        let state: Mutex<State>
        init(_ record: EngineJobRecord) { state = Mutex(State(record: record)) }
        var applied: [EngineTransition] { state.withLock { $0.applied } }
        var outcome: String? { state.withLock { $0.outcome } }
        var rescheduled: Int { state.withLock { $0.rescheduled } }

        func claimWork(owner: String, leaseMillis: Int64, limit: Int) throws(JobError) -> [EngineWorkItem] { [] }
        func claimPolls(owner: String, intervalMillis: Int64, limit: Int) throws(JobError) -> [EngineJobRecord] { [] }
        func record(project: ProjectID, job: JobID) throws(JobError) -> EngineJobRecord? { state.withLock { $0.record } }
        func apply(_ transition: EngineTransition, project: ProjectID, job: JobID, expectedVersion: Int64, actor: String)
            throws(JobError) -> CommitOutcome
        {
            state.withLock { s in
                guard s.record.job.version == expectedVersion else { return .versionConflict }
                s.record.job.status = transition.to
                s.record.job.version += 1
                s.applied.append(transition)
                return .applied(version: s.record.job.version)
            }
        }
        func describe(_ description: String, project: ProjectID, job: JobID, expectedVersion: Int64) throws(JobError) {}
        func setEngineJob(_ id: EngineJobID, project: ProjectID, job: JobID, checkpointDir: String?, restoredFrom: String?)
            throws(JobError)
        {}
        func recordEngineRestarts(_ restarts: Int, of id: EngineJobID, project: ProjectID, job: JobID) throws(JobError) {}
        func reschedule(
            _ item: EngineWorkItem, owner: String, step: EngineWorkStep, savepointRequest: SavepointRequestID?,
            delayMillis: Int64, restartStepClock: Bool, note: String?
        ) throws(JobError) { state.withLock { $0.rescheduled += 1 } }
        func complete(_ item: EngineWorkItem, owner: String, outcome: String) throws(JobError) {
            state.withLock { $0.outcome = outcome }
        }
    }

    /// A Jar job in `status` with engine job ``engineID``, keeping logs in obs://logs-bucket/ or not.
    static func record(_ status: JobStatus, logs: Bool = true, bucket: String? = "obs://logs-bucket/") -> EngineJobRecord {
        var record = Stop.record(status)
        record.job.config.logEnabled = logs
        record.job.config.obsBucket = bucket
        return record
    }

    static func item(attempts: Int) -> EngineWorkItem {
        EngineWorkItem(
            project: ProjectID("p1")!, jobID: JobID(7)!, workVersion: 6, kind: .collectLogs, step: .new,
            savepointRequest: nil, attempts: attempts, stepAgeMillis: 0)
    }

    static func reconciler(_ queue: Queue, _ engine: LogEngine) -> Reconciler {
        Reconciler(queue: queue, engine: engine, configuration: ReconcilerConfiguration(owner: "test"))
    }

    @Test(arguments: [
        (JobStatus.jobRunning, EngineEvent.failed(reason: "boom"), JobStatus.jobRunningException),
        (.jobSubmitting, .submitFailed(reason: "no jar"), .jobSubmitFail),
        (.jobRunning, .finished, .jobFinish),
        (.jobCanceling, .canceled, .jobCancelSuccess),
        (.jobSavepointing, .stopFailed(reason: "stuck"), .jobCancelFail),
        (.jobCancelFail, .lost, .jobCancelSuccess),
    ])
    func aTransitionThatEndsARunEnqueuesTheCollectionInTheSameStatement(from: JobStatus, event: EngineEvent, to: JobStatus)
        throws
    {
        let queue = Queue(Self.record(from))
        var report = Reconciler.TickReport()
        try Self.reconciler(queue, LogEngine(.failure(.notFound))).observe(event, queue.record(), report: &report)
        #expect(queue.applied.map(\.to) == [to])
        #expect(queue.applied.first?.engineWork == .collectLogs)
    }

    @Test func noCollectionWithoutLogEnabledOrBucketNorForTransitionsThatDoNotEndARun() throws {
        for record in [Self.record(.jobRunning, logs: false), Self.record(.jobRunning, bucket: nil), Self.record(.jobRunning, bucket: "")] {
            let queue = Queue(record)
            var report = Reconciler.TickReport()
            try Self.reconciler(queue, LogEngine(.failure(.notFound))).observe(.failed(reason: "boom"), record, report: &report)
            #expect(queue.applied.map(\.to) == [.jobRunningException] && queue.applied.first?.engineWork == nil)
        }
        // A lost running job is resubmitted (restore work), not ended: no collection.
        let queue = Queue(Self.record(.jobRunning))
        var report = Reconciler.TickReport()
        try Self.reconciler(queue, LogEngine(.failure(.notFound))).observe(.lost, queue.record(), report: &report)
        #expect(queue.applied.first?.engineWork == .restore)
        let stopping = Queue(Self.record(.jobRunning))
        try Self.reconciler(stopping, LogEngine(.failure(.notFound))).observe(
            .stopRequested(savepoint: false), stopping.record(), report: &report)
        #expect(stopping.applied.first?.to == .jobCanceling && stopping.applied.first?.engineWork == nil)
    }

    /// The poll that sees the engine job failed records job_running_exception with the collection.
    @Test func aPollThatSeesTheFailureEnqueuesTheCollection() throws {
        let queue = Queue(Self.record(.jobRunning))
        var report = Reconciler.TickReport()
        try Self.reconciler(queue, LogEngine(.failure(.notFound), state: .failed)).poll(queue.record(), report: &report)
        #expect(queue.applied.map(\.to) == [.jobRunningException] && queue.applied.first?.engineWork == .collectLogs)
    }

    @Test func theWorkAsksTheEngineToWriteIntoTheJobsLogFolderAndCompletes() throws {
        let queue = Queue(Self.record(.jobRunningException))
        let engine = LogEngine(.success(EngineLogReport(files: ["exceptions.json", "status.json"], engineKnewJob: true)))
        var report = Reconciler.TickReport()
        let record = try queue.record()
        try Self.reconciler(queue, engine).collectLogs(Self.item(attempts: 1), record, report: &report)
        let asked = engine.requests.withLock { $0 }
        #expect(asked.count == 1)
        #expect(asked.first?.folder == "obs://logs-bucket/jobs/7/logs/\(Self.engineID)")
        #expect(asked.first?.engineJobID == Self.engineID && asked.first?.writeWhatIsKnown == false)
        #expect(asked.first?.job.status == .jobRunningException)
        #expect(queue.outcome == "logs written: exceptions.json, status.json")
        #expect(queue.applied.isEmpty)  // collecting changes no status
    }

    @Test func anUnreachableEngineIsRetriedAndTheLastAttemptWritesWhatIsKnown() throws {
        let queue = Queue(Self.record(.jobFinish))
        let engine = LogEngine(.failure(.unavailable("connection refused")))
        var report = Reconciler.TickReport()
        let r = Self.reconciler(queue, engine)
        try r.collectLogs(Self.item(attempts: 1), try queue.record(), report: &report)
        #expect(queue.outcome == nil && queue.rescheduled == 1 && report.engineUnavailable)
        let last = ReconcilerConfiguration(owner: "x").logCollectionAttempts
        try r.collectLogs(Self.item(attempts: last), try queue.record(), report: &report)
        #expect(engine.requests.withLock { $0.map(\.writeWhatIsKnown) } == [false, true])
    }

    @Test func nothingIsAskedOfTheEngineWhenTheJobKeepsNoLogsOrNeverHadAnEngineJob() throws {
        let off = Queue(Self.record(.jobFinish, logs: false))
        let engine = LogEngine(.failure(.notFound))
        var report = Reconciler.TickReport()
        try Self.reconciler(off, engine).collectLogs(Self.item(attempts: 1), try off.record(), report: &report)
        #expect(off.outcome?.hasPrefix("logs not enabled") == true)
        var none = Self.record(.jobCancelSuccess)
        none.engineJobID = nil
        let never = Queue(none)
        try Self.reconciler(never, engine).collectLogs(Self.item(attempts: 1), none, report: &report)
        #expect(never.outcome == "no engine job, no logs")
        #expect(engine.requests.withLock { $0.isEmpty })
    }

    @Test func theOnDemandCommandIsLegalOnceTheJobHasRun() throws {
        #expect(throws: JobError.self) { try JobStateMachine.transition(from: .jobInit, on: .collectLogs) }
        let t = try JobStateMachine.transition(from: .jobRunning, on: .collectLogs)
        #expect(t.to == .jobRunning && t.engineWork == .collectLogs)
    }
}

extension ReconcilerLogsFakeEngineTests.Queue {
    func record() throws -> EngineJobRecord { state.withLock { $0.record } }
}
