import Foundation
import JobDomain
import Testing

/// A delete's own stop policy on real Flink (issue 17): with the service set to take a savepoint on
/// delete, `policy=cancel` cancels at once (no savepoint, Flink CANCELED); `policy=drain` stops with a
/// savepoint after draining (Flink FINISHED, the savepoint attached to the deleted job).
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(4)))
struct DeletePolicyFlinkTests {
    @Test func aDeleteStopsTheJobAsItsPolicySays() throws {
        let f = try EngineFixture { $0.savepointOnDelete = true }
        let cancelled = try f.create(FlinkTestEnvironment.jarJob(name: "delete-cancel", arguments: "--rps 5"))
        let drained = try f.create(FlinkTestEnvironment.jarJob(name: "delete-drain", arguments: "--rps 5"))
        try f.apply(.run(resumeSavepoint: false), cancelled)
        try f.apply(.run(resumeSavepoint: false), drained)
        #expect(f.wait(cancelled, for: .jobRunning) && f.wait(drained, for: .jobRunning))

        try f.delete(cancelled, StopOptions(policy: .cancel))
        try f.delete(drained, StopOptions(policy: .drain, deadlineMillis: 60_000))

        #expect(FlinkTestEnvironment.eventually(60) { f.flinkState(cancelled) == "CANCELED" }, "\(String(describing: f.flinkState(cancelled)))")
        #expect(FlinkTestEnvironment.eventually(60) { f.flinkState(drained) == "FINISHED" }, "\(String(describing: f.flinkState(drained)))")
        let journal = (try? f.journal(drained)).map { "\($0)" } ?? ""
        #expect(FlinkTestEnvironment.eventually(30) { (try? f.row(drained).hasSavepoint) == true }, "\(journal)")
        let kept = try f.row(drained)
        #expect(kept.deleted && kept.savepoint != nil, "\(kept)")
        // The cancelled job took none, although the service's setting would have.
        #expect(FlinkTestEnvironment.eventually(30) { (try? f.row(cancelled).status) == JobStatus.jobCancelSuccess.rawValue })
        #expect(try f.row(cancelled).hasSavepoint == false)
        let events = try f.journal(cancelled).map(\.event)
        #expect(events.allSatisfy { !$0.contains("savepoint") }, "\(events)")
    }
}
