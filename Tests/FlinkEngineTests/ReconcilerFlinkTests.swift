import Foundation
import JobDomain
import Testing

/// Run, stop, resume and fail real jobs through the job service, the PostgreSQL work queue, the
/// reconciler and a real Flink cluster.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(4)))
struct ReconcilerFlinkTests {
    @Test func sqlJobRunsStopsWithSavepointAndResumesFromIt() throws {
        let f = try EngineFixture()
        let id = try f.create(FlinkTestEnvironment.sqlJob(name: "sql-datagen"))
        let start = Date()
        try f.apply(.run(resumeSavepoint: false), id)
        #expect(f.wait(id, for: .jobRunning))
        let latency = Date().timeIntervalSince(start)
        print("latency run request -> job_running (SQL job): \(String(format: "%.2f", latency)) s")
        #expect(f.flinkState(id) == "RUNNING")
        #expect(try f.journal(id).map(\.to).prefix(4) == ["job_init", "job_submitting", "job_submitting", "job_running"])

        try f.apply(.stop(triggerSavepoint: true), id)
        #expect(f.wait(id, for: .jobCancelSuccess))
        let stopped = try f.row(id)
        let savepoint = try #require(stopped.savepoint)
        #expect(stopped.hasSavepoint)
        // With no checkpoint_path, the savepoint goes to the project's own `streamjobs-state` bucket.
        #expect(savepoint.hasPrefix("obs://streamjobs-state/savepoints/savepoint-"), "\(savepoint)")
        #expect(FileManager.default.fileExists(atPath: f.localPath(savepoint) + "/_metadata"))
        #expect(f.flinkState(id) == "FINISHED")
        let path = try f.journal(id).map(\.to).drop { $0 != "job_savepointing" }
        #expect(Array(path) == ["job_savepointing", "job_canceling", "job_cancel_success"])

        try f.apply(.run(resumeSavepoint: true), id)
        #expect(f.wait(id, for: .jobRunning))
        let engineID = try #require(try f.engineID(id))
        let restored = FlinkTestEnvironment.get("/jobs/\(engineID)/checkpoints")?["latest"] as? [String: Any]
        let restoredFrom = (restored?["restored"] as? [String: Any])?["external_path"] as? String
        #expect(restoredFrom.map { $0.hasSuffix(f.localPath(savepoint)) } == true, "\(String(describing: restoredFrom))")
        try f.apply(.stop(triggerSavepoint: false), id)
        #expect(f.wait(id, for: .jobCancelSuccess))
        #expect(f.flinkState(id) == "CANCELED")
    }

    @Test func jarJobFromTheObjectStoreRunsAndIsCancelled() throws {
        let f = try EngineFixture()
        let id = try f.create(FlinkTestEnvironment.jarJob(name: "jar-seq"))
        try f.apply(.run(resumeSavepoint: false), id)
        #expect(f.wait(id, for: .jobRunning))
        #expect(f.flinkState(id) == "RUNNING")
        try f.apply(.stop(triggerSavepoint: false), id)
        #expect(f.wait(id, for: .jobCancelSuccess))
        #expect(f.flinkState(id) == "CANCELED")
    }

    @Test func failingJobEndsInRunningExceptionWithFlinksReason() throws {
        let f = try EngineFixture()
        let id = try f.create(FlinkTestEnvironment.jarJob(name: "jar-fail", arguments: "--rps 50 --fail-after 20"))
        try f.apply(.run(resumeSavepoint: false), id)
        #expect(f.wait(id, for: .jobRunningException))
        #expect(try f.row(id).desc.contains("test failure after 20 records"))
    }

    @Test func boundedJobFinishes() throws {
        let f = try EngineFixture()
        let id = try f.create(FlinkTestEnvironment.jarJob(name: "jar-bounded", arguments: "--rps 100 --count 50"))
        try f.apply(.run(resumeSavepoint: false), id)
        #expect(f.wait(id, for: .jobFinish))
    }

    @Test func badSQLEndsInSubmitFailWithTheReason() throws {
        let f = try EngineFixture()
        var job = FlinkTestEnvironment.sqlJob(name: "sql-bad")
        job.sqlBody = "INSERT INTO missing_table SELECT 1"
        let id = try f.create(job)
        try f.apply(.run(resumeSavepoint: false), id)
        #expect(f.wait(id, for: .jobSubmitFail))
        #expect(try f.row(id).desc.contains("missing_table"))
    }
}
