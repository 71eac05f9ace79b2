import Foundation
import JobDomain
import Testing
import TestSupport

/// Flink stopped while jobs run: statuses say so, requests are accepted, and when Flink is back every
/// job is reconciled (lost jobs are resubmitted, pending stops and runs carried out). Uses a cluster and a
/// database of its own, so other tests keep theirs.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(5)))
struct FlinkOutageTests {
    static let directory = "\(TestDatabase.repositoryRoot)/.local/flink/test-outage"
    static let port = Int(ProcessInfo.processInfo.environment["STREAMJOBS_TEST_FLINK_OUTAGE_PORT"] ?? "") ?? 28091

    func cluster(_ command: String) throws { try PrivateCluster.run(command) }

    func start() throws {
        try cluster("sj_flink_start '\(Self.directory)' \(Self.port) \(Self.port + 1) \(Self.port + 2) 8 1024 >/dev/null")
    }

    @Test func flinkOutageDelaysWorkAndLosesNothing() throws {
        try cluster("sj_flink_stop '\(Self.directory)'; rm -rf '\(Self.directory)'")
        try start()
        defer { try? cluster("sj_flink_stop '\(Self.directory)'") }
        let database = try FlinkTestEnvironment.freshDatabase(label: "outage")
        defer { TestDatabase.drop(database) }

        let url = "http://127.0.0.1:\(Self.port)"
        let f = try EngineFixture(databaseURL: database, flinkURL: url)
        let keep = try f.create(FlinkTestEnvironment.jarJob(name: "outage-keep", arguments: "--rps 5"))
        let stop = try f.create(FlinkTestEnvironment.jarJob(name: "outage-stop", arguments: "--rps 5"))
        let later = try f.create(FlinkTestEnvironment.jarJob(name: "outage-later", arguments: "--rps 5"))
        let gone = try f.create(FlinkTestEnvironment.jarJob(name: "outage-gone", arguments: "--rps 5"))
        for id in [keep, stop, gone] { try f.apply(.run(resumeSavepoint: false), id) }
        #expect(f.wait(keep, for: .jobRunning) && f.wait(stop, for: .jobRunning) && f.wait(gone, for: .jobRunning))

        // An outage: the JobManager vanishes first (a graceful stop can let it report the jobs FAILED when
        // the TaskManager goes first, which is a failure, not an outage).
        try cluster("sj_flink_crash '\(Self.directory)'")
        // CRUD keeps working; run and stop are accepted; statuses explain what is pending.
        #expect(FlinkTestEnvironment.eventually(30) { (try? f.row(keep).desc.contains("unavailable")) == true })
        try f.apply(.stop(triggerSavepoint: false), stop)
        try f.apply(.run(resumeSavepoint: false), later)
        // Deleting a job while Flink is down is accepted at once and carried out when it is back.
        #expect(try Completion.wait { f.service.delete(gone, in: f.project, context: f.context, completion: $0) } != .alreadyDeleted)
        #expect(FlinkTestEnvironment.eventually(30) { (try? f.row(later).desc.contains("pending")) == true })
        #expect(FlinkTestEnvironment.eventually(30) { (try? f.row(stop).desc.contains("pending")) == true })
        #expect(f.status(keep) == JobStatus.jobRunning.rawValue)

        let back = Date()
        try start()
        #expect(f.wait(keep, for: .jobRunning, seconds: 90) && f.wait(later, for: .jobRunning, seconds: 90))
        #expect(f.wait(stop, for: .jobCancelSuccess, seconds: 90))
        #expect(f.flinkState(keep) == "RUNNING" && f.flinkState(later) == "RUNNING")
        // The deleted job's stop is done, and it is not brought back on the restarted cluster.
        #expect(f.wait(gone, for: .jobCancelSuccess, seconds: 90))
        #expect(try f.row(gone).deleted)
        #expect(f.flinkState(gone) != "RUNNING")
        print("Flink back -> all jobs reconciled after \(String(format: "%.2f", Date().timeIntervalSince(back))) s")
        #expect(try f.journal(keep).contains { $0.event == "engine_lost" })
        #expect(try f.row(keep).desc.isEmpty)
    }
}
