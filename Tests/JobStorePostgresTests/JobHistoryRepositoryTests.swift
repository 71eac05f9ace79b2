import JobDomain
import JobStorePostgres
import Logging
import PostgresClient
import SchemaMigrations
import Testing
import TestSupport

/// The journal as the reconciler and the service write it (engine job ids and savepoints, migration
/// 0013), and restore's rule against the engine side of a delete: a job whose delete is still stopping
/// it on the engine is not restored until its status is final and its engine work done.
@Suite(.enabled(if: TestDatabase.isConfigured))
final class JobHistoryRepositoryTests {
    let databaseURL: String
    let pool: PGPool
    let service: JobService
    let queue: PostgresEngineWorkQueue
    let context = RequestContext(requestID: "req-history", actor: "tester")

    /// A database of its own: reconcilers of other test targets claim work in the shared one.
    init() throws {
        databaseURL = try TestDatabase.create(label: "history")
        let connection = try PGConnection(conninfo: databaseURL)
        defer { connection.close() }
        try Migrator(connection: connection, migrations: MigrationSet.load(directory: TestDatabase.repositoryMigrationsDirectory)).up()
        pool = PGPool(conninfo: databaseURL, size: 4)
        service = JobService(repository: PostgresJobRepository(pool: pool, logger: Logger(label: "test")))
        queue = PostgresEngineWorkQueue(pool: pool, logger: Logger(label: "test"))
    }

    deinit {
        pool.close()
        TestDatabase.drop(databaseURL)
    }

    func observe(_ event: EngineEvent, _ project: ProjectID, _ job: JobID) throws {
        let record = try #require(try queue.record(project: project, job: job))
        let transition = try #require(JobStateMachine.transition(from: record.job.status, observing: event), "\(event)")
        #expect(try queue.apply(transition, project: project, job: job, expectedVersion: record.job.version, actor: "reconciler-1") != .versionConflict)
    }

    func restore(_ project: ProjectID, _ job: JobID) -> Result<Job, JobError> {
        Result { () throws(JobError) in
            try Completion.wait { service.restore(job, in: project, as: nil, context: context, completion: $0) }
        }
    }

    @Test func aDeletedRunningJobIsRestoredOnlyOnceStoppedWithItsSavepointAndTheJournalNamesEngineJobAndSavepoint() throws {
        let project = ProjectID("h-\(UInt32.random(in: 0...UInt32.max))")!
        var new = NewJob(name: "stateful", jobType: .flinkOpenSourceSQL)
        new.sqlBody = "SELECT 1"
        let job = try Completion.wait { service.create(new, in: project, context: context, completion: $0) }
        _ = try Completion.wait { service.apply(.run(resumeSavepoint: false), to: job.id, in: project, context: context, completion: $0) }
        let engineID = EngineJobID.derived(project: project, job: job.id, workVersion: 2)
        try queue.setEngineJob(engineID, project: project, job: job.id, checkpointDir: nil, restoredFrom: nil)
        try observe(.running, project, job.id)
        _ = try Completion.wait { service.delete(job.id, in: project, context: context, completion: $0) }

        // Still running on the engine: not restored.
        guard case .failure(.illegalTransition(.restore, .jobRunning, _)) = restore(project, job.id) else {
            Issue.record("a job still running on the engine was restored")
            return
        }
        // The delete's stop with a savepoint, as the reconciler records it.
        let savepoint = "obs://streamjobs-state/savepoints/savepoint-abc"
        try observe(.stopRequested(savepoint: true), project, job.id)
        try observe(.savepointCompleted(path: savepoint), project, job.id)
        try observe(.canceled, project, job.id)
        // Stopped, but its engine work is not done yet: still not restored (the service retries, then gives up).
        #expect(restore(project, job.id) == .failure(.concurrentModification(job.id)))
        for _ in 0..<2 {
            for item in try queue.claimWork(owner: "reconciler-1", leaseMillis: 30_000, limit: 100) where item.project == project {
                try queue.complete(item, owner: "reconciler-1", outcome: "done")
            }
        }

        let restored = try restore(project, job.id).get()
        #expect(restored.status == .jobCancelSuccess && restored.hasSavepoint && restored.savepointPath == savepoint)

        let page = try Completion.wait { service.journal(of: job.id, in: project, query: JournalQuery(limit: 100), completion: $0) }
        #expect(page.next == nil)
        #expect(page.items.map(\.event) == [
            "restore", "engine_canceled", "engine_savepoint_completed", "engine_stop_requested", "delete", "engine_running",
            "run", "create",
        ])
        #expect(page.items.map(\.engineJobID) == [nil, engineID.rawValue, engineID.rawValue, engineID.rawValue, engineID.rawValue, engineID.rawValue, nil, nil])
        #expect(page.items.map(\.savepointPath) == [savepoint, nil, savepoint, nil, nil, nil, nil, nil])
        #expect(page.items.map(\.actor) == ["tester", "reconciler-1", "reconciler-1", "reconciler-1", "tester", "reconciler-1", "tester", "tester"])
        #expect(page.items[0].from == .jobCancelSuccess && page.items[0].to == .jobCancelSuccess && page.items[0].requestID == "req-history")
    }
}
