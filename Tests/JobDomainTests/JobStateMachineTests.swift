import Testing

@testable import JobDomain

/// Every (status, command) pair, with the expected outcome: the target status and engine work, or illegal.
@Suite struct JobStateMachineTests {
    typealias S = JobStatus

    /// Statuses from which `run` is legal, and the rest.
    static let runnable: Set<S> = [.jobInit, .jobSubmitFail, .jobRunningException, .jobCancelSuccess, .jobFinish, .jobArrearageStopped]
    /// Statuses in which a job may be live on an engine.
    static let live: Set<S> = [.jobSubmitting, .jobRunning, .jobDownloading, .jobIdle, .jobCanceling, .jobCancelFail, .jobSavepointing, .jobArrearageRecovering]
    static let stoppableByCancel: Set<S> = [.jobSubmitting, .jobDownloading, .jobIdle, .jobArrearageRecovering, .jobCancelFail]

    static let commands: [JobCommand] = [
        .run(resumeSavepoint: false), .run(resumeSavepoint: true), .stop(triggerSavepoint: false), .stop(triggerSavepoint: true),
        .delete, .update(runtimeSafe: false), .update(runtimeSafe: true), .triggerSavepoint, .importSavepoint,
        .overwrite, .collectLogs, .restore, .purge,
    ]

    /// The expected outcome of one pair: (to, work, softDeletes) or nil for illegal.
    static func expected(_ s: S, _ c: JobCommand) -> (S, EngineWork?, Bool)? {
        switch c {
        case .delete: return (s, live.contains(s) ? .cancel : nil, true)
        case .run(let resume): return runnable.contains(s) ? (.jobSubmitting, resume ? .submitFromSavepoint : .submit, false) : nil
        case .stop(let sp):
            if s == .jobRunning { return sp ? (.jobSavepointing, .stopWithSavepoint, false) : (.jobCanceling, .cancel, false) }
            return stoppableByCancel.contains(s) ? (.jobCanceling, .cancel, false) : nil
        case .update(let safe): return (!live.contains(s) || safe) ? (s, nil, false) : nil
        case .triggerSavepoint: return s == .jobRunning ? (s, .triggerSavepoint, false) : nil
        case .importSavepoint: return live.contains(s) ? nil : (s, nil, false)
        case .overwrite: return live.contains(s) ? nil : (.jobInit, nil, false)
        case .collectLogs: return s == .jobInit ? nil : (s, .collectLogs, false)
        case .restore: return nil  // `transition` decides for live jobs, and a live job is not restored
        case .purge: return nil  // only deleted jobs are purged (`purge(from:deleted:enginePending:)`)
        }
    }

    static let pairs: [(S, JobCommand)] = S.allCases.flatMap { s in commands.map { (s, $0) } }

    @Test("every status × command pair", arguments: pairs)
    func pair(status: S, command: JobCommand) {
        let result = Result { () throws(JobError) in try JobStateMachine.transition(from: status, on: command) }
        switch (Self.expected(status, command), result) {
        case (let want?, .success(let t)):
            #expect(t.from == status)
            #expect(t.to == want.0)
            #expect(t.engineWork == want.1)
            #expect(t.softDeletes == want.2)
            #expect(t.command == command)
        case (nil, .failure(let error)):
            guard case .illegalTransition(let c, let s, let reason) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(c == command && s == status && !reason.isEmpty)
        case (let want, let got):
            Issue.record("\(status.rawValue) on \(command): expected \(String(describing: want)), got \(got)")
        }
    }

    @Test func thereAreExactly14StatusesWithDLINames() {
        #expect(S.allCases.count == 14)
        #expect(Set(S.allCases.map(\.rawValue)).count == 14)
        for s in S.allCases { #expect(s.rawValue.hasPrefix("job_")) }
        #expect(S(rawValue: "job_cancel_fail") != nil && S(rawValue: "job_cancel_failed") == nil)
        #expect(S(rawValue: "job_savepointing") != nil && S(rawValue: "job_savepoint") == nil)
    }

    @Test func liveStatusesMatchTheTable() {
        for s in S.allCases { #expect(s.mayBeLiveOnEngine == Self.live.contains(s), "\(s)") }
    }

    @Test func deleteIsLegalFromEveryStatus() throws {
        for s in S.allCases { #expect(try JobStateMachine.transition(from: s, on: .delete).softDeletes) }
    }

    /// Restore: only a deleted job whose engine side has settled; it comes back stopped, with no engine work.
    @Test("restore of every status, deleted or live", arguments: S.allCases)
    func restore(status: S) {
        for deleted in [false, true] {
            let result = Result { () throws(JobError) in try JobStateMachine.restore(from: status, deleted: deleted) }
            switch result {
            case .success(let t):
                #expect(deleted && !Self.live.contains(status), "\(status) deleted=\(deleted)")
                #expect(t.from == status && t.to == .jobCancelSuccess && t.engineWork == nil && !t.softDeletes)
                #expect(t.command == .restore)
            case .failure(.illegalTransition(let c, let s, let reason)):
                #expect(!deleted || Self.live.contains(status), "\(status) deleted=\(deleted)")
                #expect(c == .restore && s == status)
                #expect(reason.contains(deleted ? "still being stopped" : "not deleted"), "\(reason)")
            case .failure(let error):
                Issue.record("wrong error \(error)")
            }
        }
    }
}

extension JobCommand: CustomTestStringConvertible {
    public var testDescription: String { "\(self)" }
}
