import Synchronization
import Testing

@testable import JobDomain

/// The restore rule in `Reconciler+Restore.swift` (what a resubmission starts from), with a fake engine
/// whose checkpoint answer the test sets; the rule runs against real Flink in
/// RestoreAfterClusterLossFlinkTests.
@Suite struct ReconcilerRestoreRuleFakeEngineTests {
    typealias Stop = ReconcilerStopRuleFakeEngineTests
    static let lost = EngineJobID(String(repeating: "1", count: 32))!
    static let earlier = EngineJobID(String(repeating: "2", count: 32))!

    /// A fake engine answering `latestCheckpoint` with `answer` and recording what it was asked.
    final class CheckpointEngine: StubEngine {
        let answer: Result<String?, EngineError>
        let asked = Mutex<[(EngineJobID, String?)]>([])
        init(_ answer: Result<String?, EngineError>) { self.answer = answer }
        func latestCheckpoint(of id: EngineJobID, base: String?, project: ProjectID) throws(EngineError) -> String? {
            asked.withLock { $0.append((id, base)) }
            return try answer.get()
        }
        /// Answers for `status`, in order; "not found" once they are used up.
        let statuses = Mutex<[EngineJobStatus]>([])
        func status(of id: EngineJobID) throws(EngineError) -> EngineJobStatus {
            guard let next = statuses.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { throw .notFound }
            return next
        }
    }

    /// A job in job_submitting whose current engine job is `lost` (checkpointing into obs://b/ck, itself
    /// started from `restoredFrom`), with `earlier` before it.
    static func record(checkpointing: Bool = true, resumeCheckpoint: Bool = false, restoredFrom: String? = nil)
        -> EngineJobRecord
    {
        var record = Stop.record(.jobSubmitting)
        record.job.config.checkpointEnabled = checkpointing
        record.job.config.resumeCheckpoint = resumeCheckpoint
        record.checkpointDir = "obs://b/ck"
        record.restoredFrom = restoredFrom
        record.previous = EngineJobLineage(engineJobID: earlier, checkpointDir: "obs://b/old", restoredFrom: nil)
        record.engineJobID = lost
        return record
    }

    static func startPoint(_ kind: EngineWork, _ record: EngineJobRecord, _ engine: CheckpointEngine, newID: EngineJobID? = nil)
        -> Reconciler.StartPoint
    {
        let item = Stop.item(kind, step: .new, ageMillis: 0)
        let id = newID ?? EngineJobID.derived(project: item.project, job: item.jobID, workVersion: item.workVersion)
        return Reconciler(queue: Stop.OneJobQueue(record), engine: engine, configuration: ReconcilerConfiguration(owner: "t"))
            .startPoint(item, record, newID: id)
    }

    @Test func aLostJobResumesFromItsLatestCheckpointAndSaysSo() {
        let engine = CheckpointEngine(.success("obs://b/ck/\(Self.lost)/chk-4"))
        let point = Self.startPoint(.restore, Self.record(), engine)
        #expect(point == .state(
            path: "obs://b/ck/\(Self.lost)/chk-4",
            note: "restored from obs://b/ck/\(Self.lost)/chk-4 (latest checkpoint of lost engine job \(Self.lost))"))
        #expect(engine.asked.withLock { $0.map(\.0) == [Self.lost] && $0.map(\.1) == ["obs://b/ck"] })
    }

    @Test func aRetryAfterTheNewIDWasRecordedStillLooksAtTheLostJob() {
        let engine = CheckpointEngine(.success(nil))
        var record = Self.record()
        record.previous = EngineJobLineage(engineJobID: Self.lost, checkpointDir: "obs://b/ck", restoredFrom: "obs://b/sp")
        record.engineJobID = Self.earlier  // plays the new id, already recorded before a crash
        let point = Self.startPoint(.restore, record, engine, newID: Self.earlier)
        #expect(engine.asked.withLock { $0.map(\.0) == [Self.lost] })
        // No checkpoint: the lost job's own starting point.
        #expect(point == .state(
            path: "obs://b/sp", note: "restored from obs://b/sp (lost engine job \(Self.lost) completed no checkpoint; it had started from there)"))
    }

    @Test func withoutStateTheNoteSaysWhyAndAnUnreachableEngineRetries() {
        #expect(Self.startPoint(.restore, Self.record(checkpointing: false), CheckpointEngine(.success(nil)))
            == .state(path: nil, note: "started WITHOUT state: checkpoint_enabled is false"))
        #expect(Self.startPoint(.restore, Self.record(), CheckpointEngine(.success(nil)))
            == .state(path: nil, note: "started WITHOUT state: lost engine job \(Self.lost) has no completed checkpoint"))
        #expect(Self.startPoint(.restore, Self.record(), CheckpointEngine(.failure(.unavailable("down"))))
            == .engineUnavailable("down"))
        var none = Self.record()
        none.engineJobID = nil
        #expect(Self.startPoint(.restore, none, CheckpointEngine(.success(nil)))
            == .state(path: nil, note: "started WITHOUT state: no earlier engine job of this job is recorded"))
    }

    @Test func aUserRunRestoresOnlyWithResumeCheckpointAndCheckpointing() {
        let engine = CheckpointEngine(.success("obs://b/ck/\(Self.lost)/chk-9"))
        #expect(Self.startPoint(.submit, Self.record(), engine) == .fresh)
        #expect(Self.startPoint(.submit, Self.record(checkpointing: false, resumeCheckpoint: true), engine) == .fresh)
        #expect(Self.startPoint(.submitFromSavepoint, Self.record(resumeCheckpoint: true), engine) == .fresh)
        #expect(Self.startPoint(.submit, Self.record(resumeCheckpoint: true), engine) == .state(
            path: "obs://b/ck/\(Self.lost)/chk-9",
            note: "restored from obs://b/ck/\(Self.lost)/chk-9 (latest checkpoint of previous engine job \(Self.lost))"))
        // A user run does not fall back to where the previous engine job started.
        #expect(Self.startPoint(.submit, Self.record(resumeCheckpoint: true, restoredFrom: "obs://b/sp"), CheckpointEngine(.success(nil)))
            == .state(path: nil, note: "started WITHOUT state: previous engine job \(Self.lost) has no completed checkpoint"))
    }

    /// Two reconciler threads that polled the same running job before either recorded anything (a slow
    /// engine after a restart) both hear "not found": the loss is recorded once, so one restore is
    /// enqueued and restart_times grows by one. Before, the second poll re-read the job (now
    /// job_submitting) and recorded the loss again: two restores, two new engine jobs.
    @Test func twoPollsOfOneLostJobRecordOneLoss() throws {
        var running = Self.record()
        running.job.status = .jobRunning
        let queue = Stop.OneJobQueue(running)
        let reconciler = Reconciler(
            queue: queue, engine: CheckpointEngine(.success(nil)), configuration: ReconcilerConfiguration(owner: "t"))
        var report = Reconciler.TickReport()
        try reconciler.poll(running, report: &report)
        try reconciler.poll(running, report: &report)  // the second thread's stale view of the same job
        #expect(queue.events == ["engine_lost"], "\(queue.events)")
        #expect(queue.record.job.status == .jobSubmitting)
    }

    /// Flink's in-job restarts (its restart strategy) count in restart_times once each: a poll that sees
    /// two restarts adds two, a later poll of the failed job (still two) adds nothing, and the failure is
    /// then recorded.
    @Test func inJobRestartsAreCountedOnce() throws {
        var running = Self.record()
        running.job.status = .jobRunning
        let queue = Stop.OneJobQueue(running)
        let engine = CheckpointEngine(.success(nil))
        engine.statuses.withLock {
            $0 = [
                EngineJobStatus(state: .running, allTasksRunning: true, restarts: 2),
                EngineJobStatus(state: .failed, allTasksRunning: false, failureReason: "boom", restarts: 2),
            ]
        }
        let reconciler = Reconciler(queue: queue, engine: engine, configuration: ReconcilerConfiguration(owner: "t"))
        var report = Reconciler.TickReport()
        try reconciler.poll(queue.record, report: &report)
        #expect(queue.record.job.restartTimes == 2)
        try reconciler.poll(queue.record, report: &report)
        #expect(queue.record.job.restartTimes == 2)
        #expect(queue.record.job.status == .jobRunningException)
    }
}
