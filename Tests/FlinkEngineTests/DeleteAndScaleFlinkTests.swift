import Foundation
import JobDomain
import Testing
import TestSupport

/// Deleting live jobs, and several StreamJobs instances sharing one database and one cluster.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(4)))
struct DeleteAndScaleFlinkTests {
    @Test func deletingARunningJobEndsItOnFlinkAndKeepsTheRowAndJournal() throws {
        let f = try EngineFixture()
        let id = try f.create(FlinkTestEnvironment.jarJob(name: "jar-delete"))
        try f.apply(.run(resumeSavepoint: false), id)
        #expect(f.wait(id, for: .jobRunning))
        let start = Date()
        #expect(try Completion.wait { f.service.delete(id, in: f.project, context: f.context, completion: $0) } != .alreadyDeleted)
        // Gone from reads at once; the Flink job ends within 30 s.
        #expect(throws: JobError.jobNotFound(id)) { try Completion.wait { f.service.job(id, in: f.project, completion: $0) } }
        #expect(FlinkTestEnvironment.eventually(30) { ["FINISHED", "CANCELED"].contains(f.flinkState(id) ?? "") })
        print("delete of a running job -> Flink job ended after \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        #expect(f.wait(id, for: .jobCancelSuccess, seconds: 30))
        let row = try f.row(id)
        #expect(row.deleted)
        #expect(row.hasSavepoint && row.savepoint != nil)  // stop-with-savepoint on delete (the default)
        let journal = try f.journal(id)
        #expect(journal.contains { $0.event == "delete" })
        #expect(journal.last?.to == "job_cancel_success")
        #expect(journal.contains { $0.detail.contains("savepoint") && $0.detail.contains(row.savepoint ?? "?") })
    }

    @Test func deletingWithoutSavepointCancels() throws {
        // A database of its own: on the shared one, these reconcilers (no savepoint on delete) would also
        // claim other tests' delete work and cancel jobs those tests expect to be savepointed.
        let database = try FlinkTestEnvironment.freshDatabase(label: "nosavepoint")
        defer { TestDatabase.drop(database) }
        let f = try EngineFixture(databaseURL: database) { $0.savepointOnDelete = false }
        let running = try f.create(FlinkTestEnvironment.jarJob(name: "jar-delete-cancel"))
        try f.apply(.run(resumeSavepoint: false), running)
        #expect(f.wait(running, for: .jobRunning))
        _ = try Completion.wait { f.service.delete(running, in: f.project, context: f.context, completion: $0) }
        #expect(FlinkTestEnvironment.eventually(30) { f.flinkState(running) == "CANCELED" })
        #expect(f.wait(running, for: .jobCancelSuccess, seconds: 30))
        #expect(try f.row(running).deleted)
    }

    @Test func twoInstancesRunTwentyJobsExactlyOnce() throws {
        // A database of its own, so exactly these two instances (as two processes would) share the work.
        let database = try FlinkTestEnvironment.freshDatabase(label: "scale")
        defer { TestDatabase.drop(database) }
        let f = try EngineFixture(instances: 2, databaseURL: database) { $0.batchSize = 2 }
        let prefix = "scale-\(UInt32.random(in: 0...UInt32.max))"
        let ids = try (0..<20).map { try f.create(FlinkTestEnvironment.jarJob(name: "\(prefix)-\($0)", arguments: "--rps 1")) }
        DispatchQueue.concurrentPerform(iterations: ids.count) { i in
            try? f.apply(.run(resumeSavepoint: false), ids[i])
        }
        #expect(FlinkTestEnvironment.eventually(90) { ids.allSatisfy { f.status($0) == JobStatus.jobRunning.rawValue } })
        let overview = FlinkTestEnvironment.get("/jobs/overview")?["jobs"] as? [[String: Any]] ?? []
        let ours = overview.filter { ($0["name"] as? String)?.hasPrefix(prefix + "-") == true }
        #expect(ours.count == 20)
        #expect(Set(ours.compactMap { $0["name"] as? String }).count == 20)
        for id in ids {
            #expect(try f.journal(id).filter { $0.event == "engine_submitted" }.count == 1)
        }
        let owners = try TestDatabase.query(
            "SELECT claimed_by, count(*) FROM engine_work WHERE project_id = $1 AND kind = 'submit' GROUP BY 1",
            [f.project.rawValue], database: f.databaseURL)
        print("submit work per instance: \(owners.map { "\($0[0] ?? "-")=\($0[1] ?? "0")" })")
        #expect(owners.count == 2)  // both instances took part
        for id in ids { _ = try Completion.wait { f.service.delete(id, in: f.project, context: f.context, completion: $0) } }
        #expect(FlinkTestEnvironment.eventually(60) { ids.allSatisfy { f.status($0) == JobStatus.jobCancelSuccess.rawValue } })
    }
}
