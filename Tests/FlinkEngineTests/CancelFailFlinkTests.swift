import Foundation
import JobDomain
import Testing
import TestSupport

/// A stop the engine does not carry out within the deadline ends in job_cancel_fail with the reason; the
/// job is still watched, may be stopped again, and reaches job_cancel_success once Flink has cancelled it.
/// The job's task ignores cancellation for a while (`SeqJob --hold-on-cancel-seconds`); the reconciler's
/// stop deadline is 3 s. Own database, so only this test's reconciler (with that deadline) claims its work.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(3)))
struct CancelFailFlinkTests {
    @Test func aCancelTheEngineDoesNotFinishInTimeEndsInCancelFailThenSucceeds() throws {
        let database = try FlinkTestEnvironment.freshDatabase(label: "cancelfail")
        defer { TestDatabase.drop(database) }
        let f = try EngineFixture(databaseURL: database, configure: { $0.stopDeadlineMillis = 3000 })
        let id = try f.create(FlinkTestEnvironment.jarJob(name: "cancel-hold", arguments: "--rps 5 --hold-on-cancel-seconds 25"))
        try f.apply(.run(resumeSavepoint: false), id)
        #expect(f.wait(id, for: .jobRunning))

        let stopped = Date()
        try f.apply(.stop(triggerSavepoint: false), id)
        #expect(f.wait(id, for: .jobCancelFail, seconds: 15))
        print("stop -> job_cancel_fail after \(String(format: "%.2f", Date().timeIntervalSince(stopped))) s")
        let failed = try f.row(id).desc
        #expect(failed.contains("did not finish cancelling") && failed.contains("3 s") && failed.contains("CANCELLING"), "\(failed)")
        #expect(f.flinkState(id) == "CANCELLING")
        #expect(try f.journal(id).contains { $0.event == "engine_stop_failed" && $0.to == "job_cancel_fail" })

        // A new stop is allowed from job_cancel_fail (it cancels again, and fails again while Flink holds).
        try f.apply(.stop(triggerSavepoint: false), id)
        #expect(try f.journal(id).last?.to == JobStatus.jobCanceling.rawValue)

        // Flink ends the job once the task lets go: the stop succeeded after all.
        #expect(f.wait(id, for: .jobCancelSuccess, seconds: 60))
        print("stop -> job_cancel_success after \(String(format: "%.2f", Date().timeIntervalSince(stopped))) s")
        #expect(f.flinkState(id) == "CANCELED")
        #expect(try f.row(id).desc.isEmpty)
    }
}
