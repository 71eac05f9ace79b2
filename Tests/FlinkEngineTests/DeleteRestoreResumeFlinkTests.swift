import Foundation
import JobDomain
import Testing
import TestSupport

/// Issue 17 on the test Flink cluster: a running stateful job (CounterJob: a counter in operator state,
/// written to a file) is deleted, which stops it with a savepoint; restored, it comes back stopped with
/// that savepoint, and a run with `resume_savepoint` continues the counter instead of starting over.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(4)))
struct DeleteRestoreResumeFlinkTests {
    /// The `count=<n> restored=<bool>` lines CounterJob appended to `path`.
    static func counterLines(_ path: String) -> [(count: Int, restored: Bool)] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 2, fields[0].hasPrefix("count="), let n = Int(fields[0].dropFirst(6)) else { return nil }
            return (n, fields[1] == "restored=true")
        }
    }

    @Test func aDeletedStatefulJobIsRestoredAndResumesItsStateFromTheDeletesSavepoint() throws {
        let f = try EngineFixture()
        let out = f.localPath("obs://out/recycle-counter.txt")
        try FileManager.default.createDirectory(
            atPath: (out as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var counter = FlinkTestEnvironment.jarJob(name: "recycle-counter", arguments: "--rps 20 --out \(out)")
        counter.config.mainClass = "streamjobs.testjobs.CounterJob"
        let id = try f.create(counter)
        try f.apply(.run(resumeSavepoint: false), id)
        defer {
            // Cancel what this test started, whatever state it ended in.
            if (try? f.row(id).deleted) == false, f.status(id) != JobStatus.jobCancelSuccess.rawValue {
                try? f.apply(.stop(triggerSavepoint: false), id)
                _ = f.wait(id, for: .jobCancelSuccess)
            }
        }
        #expect(f.wait(id, for: .jobRunning))
        #expect(FlinkTestEnvironment.eventually(60) { (Self.counterLines(out).last?.count ?? 0) >= 100 })
        let firstEngineJob = try #require(try f.engineID(id))

        // Deleting the running job stops it with a savepoint (STREAMJOBS_ENGINE_SAVEPOINT_ON_DELETE).
        _ = try Completion.wait { f.service.delete(id, in: f.project, context: f.context, completion: $0) }
        #expect(f.wait(id, for: .jobCancelSuccess, seconds: 90))
        let deleted = try f.row(id)
        #expect(deleted.deleted && deleted.hasSavepoint, "\(deleted)")
        let savepoint = try #require(deleted.savepoint)
        #expect(FlinkTestEnvironment.eventually(30) {
            ["FINISHED", "CANCELED"].contains(FlinkTestEnvironment.state(firstEngineJob, url: f.flinkURL) ?? "")
        })
        let before = Self.counterLines(out)
        let last = try #require(before.last).count

        // Restore: retried while the delete's engine work is still being completed.
        let restore: @Sendable () -> Job? = {
            try? Completion.wait { f.service.restore(id, in: f.project, as: nil, context: f.context, completion: $0) }
        }
        var restored: Job? = nil
        #expect(FlinkTestEnvironment.eventually(30) {
            restored = restore()
            return restored != nil
        })
        #expect(restored?.status == .jobCancelSuccess && restored?.hasSavepoint == true && restored?.savepointPath == savepoint)

        // Run from the savepoint: the counter goes on from where the delete's savepoint left it.
        try f.apply(.run(resumeSavepoint: true), id)
        #expect(f.wait(id, for: .jobRunning))
        let submitted = try #require(try f.journal(id).last { $0.event == "engine_submitted" }).detail
        #expect(FlinkTestEnvironment.eventually(30) { Self.counterLines(out).count > before.count })
        let next = try #require(Self.counterLines(out).dropFirst(before.count).first)
        #expect(next.restored, "the run started without its state: \(submitted)")
        #expect(next.count > last, "count \(next.count) after \(last) before the delete")
        print("delete/restore: counter at \(last) before the delete, \(next.count) after the restore; \(savepoint)")

        try f.apply(.stop(triggerSavepoint: false), id)
        #expect(f.wait(id, for: .jobCancelSuccess))
    }
}
