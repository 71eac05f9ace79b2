import Foundation
import JobDomain
import Testing
import TestSupport

/// Checkpoints that survive a cluster loss (issue 16): when the cluster is killed and restarted without
/// high availability, it no longer knows the job; the reconciler resubmits it from the lost engine job's
/// latest completed checkpoint, counts the restart in restart_times and journals where it resumed from.
/// A stateful job (CounterJob: a counter in operator state, written to a file) shows the counter going
/// on instead of starting over. Uses a cluster and a database of its own, killed and restarted here.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(6)), .serialized)
struct RestoreAfterClusterLossFlinkTests {
    static let directory = "\(TestDatabase.repositoryRoot)/.local/flink/test-restore"
    static let port = Int(ProcessInfo.processInfo.environment["STREAMJOBS_TEST_FLINK_RESTORE_PORT"] ?? "") ?? 28097

    func cluster(_ command: String) throws { try PrivateCluster.run(command) }

    func start() throws {
        try cluster("sj_flink_start '\(Self.directory)' \(Self.port) \(Self.port + 1) \(Self.port + 2) 8 1024 >/dev/null")
    }

    /// The `count=<n> restored=<bool>` lines CounterJob appended to `path`.
    static func counterLines(_ path: String) -> [(count: Int, restored: Bool)] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 2, fields[0].hasPrefix("count="), let n = Int(fields[0].dropFirst(6)) else { return nil }
            return (n, fields[1] == "restored=true")
        }
    }

    static func restartTimes(_ f: EngineFixture, _ id: JobID) throws -> Int? {
        let rows = try TestDatabase.query(
            "SELECT restart_times FROM jobs WHERE project_id = $1 AND job_id = $2",
            [f.project.rawValue, String(id.rawValue)], database: f.databaseURL)
        guard let value = rows.first?[0] else { return nil }
        return Int(value)
    }

    @Test func aLostStatefulJobContinuesItsCounterFromTheLatestCheckpoint() throws {
        try cluster("sj_flink_stop '\(Self.directory)'; rm -rf '\(Self.directory)'")
        try start()
        defer { try? cluster("sj_flink_stop '\(Self.directory)'") }
        let database = try FlinkTestEnvironment.freshDatabase(label: "restore")
        defer { TestDatabase.drop(database) }
        let url = "http://127.0.0.1:\(Self.port)"
        let f = try EngineFixture(databaseURL: database, flinkURL: url)

        let out = f.localPath("obs://out/counter.txt")
        try FileManager.default.createDirectory(
            atPath: (out as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var counter = FlinkTestEnvironment.jarJob(name: "restore-counter", arguments: "--rps 20 --out \(out)")
        counter.config.mainClass = "streamjobs.testjobs.CounterJob"
        counter.config.checkpointEnabled = true
        counter.config.checkpointInterval = 1
        counter.config.checkpointPath = "obs://state/counter"
        counter.config.resumeCheckpoint = true  // for the run after the stop, at the end
        let counterID = try f.create(counter)
        // Without checkpoints there is nothing to restore: it comes back without state, and says so.
        let plainID = try f.create(FlinkTestEnvironment.jarJob(name: "restore-plain", arguments: "--rps 5"))
        try f.apply(.run(resumeSavepoint: false), counterID)
        try f.apply(.run(resumeSavepoint: false), plainID)
        #expect(f.wait(counterID, for: .jobRunning) && f.wait(plainID, for: .jobRunning))
        let lost = try #require(try f.engineID(counterID))
        #expect(FlinkTestEnvironment.eventually(60) {
            let counts = FlinkTestEnvironment.get("/jobs/\(lost)/checkpoints", url: url)?["counts"] as? [String: Any]
            return ((counts?["completed"] as? Int) ?? 0) >= 2
        }, "no two completed checkpoints")
        // Enough counted that a fresh start (10, 20, …) cannot pass for a restore.
        #expect(FlinkTestEnvironment.eventually(30) { (Self.counterLines(out).last?.count ?? 0) >= 100 })
        let before = Self.counterLines(out)
        let v1 = try #require(before.last).count
        #expect(v1 >= 100 && before.allSatisfy { !$0.restored })

        try cluster("sj_flink_crash '\(Self.directory)'")
        #expect(FlinkTestEnvironment.eventually(30) { (try? f.row(counterID).desc.contains("unavailable")) == true })
        try start()

        #expect(FlinkTestEnvironment.eventually(90) { (try? f.journal(counterID).contains { $0.event == "engine_lost" }) == true })
        #expect(f.wait(counterID, for: .jobRunning, seconds: 90) && f.wait(plainID, for: .jobRunning, seconds: 90))
        #expect(try Self.restartTimes(f, counterID) == 1)
        #expect(try Self.restartTimes(f, plainID) == 1)
        let submitted = try #require(try f.journal(counterID).last { $0.event == "engine_submitted" }).detail
        #expect(submitted.contains("restored from obs://state/counter/\(lost)/chk-"), "\(submitted)")
        #expect(submitted.contains("latest checkpoint of lost engine job \(lost)"), "\(submitted)")
        let plainSubmitted = try #require(try f.journal(plainID).last { $0.event == "engine_submitted" }).detail
        #expect(plainSubmitted.contains("started WITHOUT state: checkpoint_enabled is false"), "\(plainSubmitted)")

        // Flink says the new engine job was restored from that checkpoint.
        let resumed = try #require(try f.engineID(counterID))
        #expect(resumed != lost)
        let checkpoint = String(try #require(submitted.range(of: "/chk-").map { submitted[$0.lowerBound...] })
            .prefix { !$0.isWhitespace })
        #expect(FlinkTestEnvironment.eventually(30) {
            let latest = FlinkTestEnvironment.get("/jobs/\(resumed)/checkpoints", url: url)?["latest"] as? [String: Any]
            let restored = (latest?["restored"] as? [String: Any])?["external_path"] as? String
            return restored?.hasSuffix(checkpoint) == true
        }, "Flink does not report the restore from \(checkpoint)")

        // The counter goes on: the first line the restored job writes continues from about v1 (records
        // after the last checkpoint are counted again), where a fresh start would begin at 10.
        #expect(FlinkTestEnvironment.eventually(30) { Self.counterLines(out).count > before.count })
        let first = try #require(Self.counterLines(out).dropFirst(before.count).first)
        #expect(first.restored, "the job started without its state")
        #expect(first.count >= v1 - 60 && first.count >= 60, "count \(first.count) after \(v1) before the loss")
        print("restore: counter at \(v1) before the loss, \(first.count) in the restored job's first line; \(submitted)")

        // A user run after a stop, with resume_checkpoint: the stopped engine job's retained checkpoint
        // (RETAIN_ON_CANCELLATION), and the run resets restart_times.
        try f.apply(.stop(triggerSavepoint: false), counterID)
        #expect(f.wait(counterID, for: .jobCancelSuccess))
        #expect(FlinkTestEnvironment.eventually(30) { FlinkTestEnvironment.state(resumed, url: url) == "CANCELED" })
        let beforeRun = Self.counterLines(out)
        let v2 = try #require(beforeRun.last).count
        try f.apply(.run(resumeSavepoint: false), counterID)
        #expect(f.wait(counterID, for: .jobRunning))
        #expect(try Self.restartTimes(f, counterID) == 0)
        let rerun = try #require(try f.journal(counterID).last { $0.event == "engine_submitted" }).detail
        #expect(rerun.contains("latest checkpoint of previous engine job \(resumed)"), "\(rerun)")
        #expect(FlinkTestEnvironment.eventually(30) { Self.counterLines(out).count > beforeRun.count })
        let afterRun = try #require(Self.counterLines(out).dropFirst(beforeRun.count).first)
        #expect(afterRun.restored && afterRun.count >= v2 - 60 && afterRun.count >= 60, "\(afterRun) after \(v2)")
    }
}
