import Foundation
import JobDomain
import Testing
import TestSupport

/// Task slots on a small cluster of the suite's own (4 slots, so the shared cluster is not filled): a job
/// that can never fit (slots, or CUs against the TaskManagers' CPU cores) ends in job_submit_fail with
/// the numbers, without reaching Flink; a job that will
/// fit later says it is waiting for slots, and runs once they free up.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .serialized, .timeLimit(.minutes(5)))
struct ClusterSlotsFlinkTests {
    static let directory = "\(TestDatabase.repositoryRoot)/.local/flink/test-slots"
    static let port = Int(ProcessInfo.processInfo.environment["STREAMJOBS_TEST_FLINK_SLOTS_PORT"] ?? "") ?? 28094

    func cluster(_ command: String) throws { try PrivateCluster.run(command) }

    /// A Jar job of `parallelism` on the suite's cluster.
    func job(_ name: String, parallelism: Int, slotsPerTaskManager: Int? = nil) -> NewJob {
        var job = FlinkTestEnvironment.jarJob(name: name, arguments: "--rps 5")
        job.config.parallelNumber = parallelism
        job.config.tmSlotNum = slotsPerTaskManager
        return job
    }

    @Test func jobsAreComparedWithTheClustersTaskSlots() throws {
        try cluster("sj_flink_stop '\(Self.directory)'; rm -rf '\(Self.directory)'")
        try cluster("sj_flink_start '\(Self.directory)' \(Self.port) \(Self.port + 1) \(Self.port + 2) 4 1024 >/dev/null")
        defer { try? cluster("sj_flink_stop '\(Self.directory)'") }
        let database = try FlinkTestEnvironment.freshDatabase(label: "slots")
        defer { TestDatabase.drop(database) }
        let url = "http://127.0.0.1:\(Self.port)"
        let f = try EngineFixture(databaseURL: database, flinkURL: url)
        func flinkJobs() -> Int { (FlinkTestEnvironment.get("/jobs/overview", url: url)?["jobs"] as? [Any])?.count ?? -1 }

        // Never fits: refused with the numbers, and nothing reaches Flink.
        let huge = try f.create(job("slots-huge", parallelism: 5))
        try f.apply(.run(resumeSavepoint: false), huge)
        #expect(f.wait(huge, for: .jobSubmitFail))
        let refusal = try f.row(huge).desc
        #expect(refusal.contains("parallel_number 5") && refusal.contains("only 4"), "\(refusal)")
        #expect(flinkJobs() == 0)

        // tm_slot_num is honoured only where the TaskManagers have that many slots.
        let sized = try f.create(job("slots-sized", parallelism: 1, slotsPerTaskManager: 2))
        try f.apply(.run(resumeSavepoint: false), sized)
        #expect(f.wait(sized, for: .jobSubmitFail))
        let sizeRefusal = try f.row(sized).desc
        #expect(sizeRefusal.contains("tm_slot_num 2") && sizeRefusal.contains("have 4"), "\(sizeRefusal)")

        // CU fields against the TaskManagers' CPU cores (4: one per slot, Flink's default).
        var wide = job("cu-wide", parallelism: 1)
        wide.config.tmCus = 5
        var big = job("cu-big", parallelism: 1)
        big.config.cuNumber = 10
        big.config.managerCuNumber = 2
        let wideID = try f.create(wide)
        let bigID = try f.create(big)
        try f.apply(.run(resumeSavepoint: false), wideID)
        try f.apply(.run(resumeSavepoint: false), bigID)
        #expect(f.wait(wideID, for: .jobSubmitFail) && f.wait(bigID, for: .jobSubmitFail))
        let wideRefusal = try f.row(wideID).desc
        #expect(wideRefusal.contains("tm_cus 5") && wideRefusal.contains("largest has 4"), "\(wideRefusal)")
        let bigRefusal = try f.row(bigID).desc
        #expect(bigRefusal.contains("asks for 8 CPU cores") && bigRefusal.contains("have 4 in all"), "\(bigRefusal)")
        #expect(flinkJobs() == 0)

        // Fits later: waits, says so, and runs when the slots free up.
        let a = try f.create(job("slots-a", parallelism: 3, slotsPerTaskManager: 4))
        try f.apply(.run(resumeSavepoint: false), a)
        #expect(f.wait(a, for: .jobRunning))
        let b = try f.create(job("slots-b", parallelism: 2))
        try f.apply(.run(resumeSavepoint: false), b)
        #expect(
            FlinkTestEnvironment.eventually(60) {
                let desc = (try? f.row(b).desc) ?? ""
                return desc.contains("waiting for task slots") && desc.contains("needs 2")
                    && desc.contains("of the cluster's 4 slots are free")
            }, "\(String(describing: try? f.row(b).desc))")
        print("waiting job's status_desc: \((try? f.row(b).desc) ?? "")")
        #expect(f.status(b) == JobStatus.jobSubmitting.rawValue)
        #expect(f.flinkState(b) == "RUNNING")

        try f.apply(.stop(triggerSavepoint: false), a)
        #expect(f.wait(a, for: .jobCancelSuccess))
        #expect(f.wait(b, for: .jobRunning))
        #expect(try f.row(b).desc.isEmpty)
        try f.apply(.stop(triggerSavepoint: false), b)
        #expect(f.wait(b, for: .jobCancelSuccess))
    }
}
