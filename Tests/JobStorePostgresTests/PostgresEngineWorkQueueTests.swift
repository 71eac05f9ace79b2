import Glibc
import JobDomain
import JobStorePostgres
import Logging
import PostgresClient
import SchemaMigrations
import Testing
import TestSupport

/// The engine work queue: claims with FOR UPDATE SKIP LOCKED, leases that expire, per-job order,
/// and engine transitions recorded with journal rows (also on deleted jobs).
@Suite(.enabled(if: TestDatabase.isConfigured))
final class PostgresEngineWorkQueueTests {
    let databaseURL: String
    let pool: PGPool
    let repository: PostgresJobRepository
    let service: JobService
    let queue: PostgresEngineWorkQueue
    let context = RequestContext(requestID: "req-test", actor: "tester")

    /// A database of its own: reconcilers of other test targets claim work in the shared one.
    init() throws {
        databaseURL = try TestDatabase.create(label: "queue")
        let connection = try PGConnection(conninfo: databaseURL)
        defer { connection.close() }
        try Migrator(connection: connection, migrations: MigrationSet.load(directory: TestDatabase.repositoryMigrationsDirectory)).up()
        pool = PGPool(conninfo: databaseURL, size: 4)
        repository = PostgresJobRepository(pool: pool, logger: Logger(label: "test"))
        service = JobService(repository: repository)
        queue = PostgresEngineWorkQueue(pool: pool, logger: Logger(label: "test"))
    }

    deinit {
        pool.close()
        TestDatabase.drop(databaseURL)
    }

    struct Fixture {
        let service: JobService
        let context: RequestContext
        func makeJob(_ project: ProjectID) throws -> Job {
            var job = NewJob(name: "job-\(UInt32.random(in: 0...UInt32.max))", jobType: .flinkOpenSourceSQL)
            job.sqlBody = "SELECT 1"
            return try Completion.wait { service.create(job, in: project, context: context, completion: $0) }
        }
    }

    var f: Fixture { Fixture(service: service, context: context) }

    func claimOwn(_ project: ProjectID, owner: String, lease: Int64 = 30_000) throws -> [EngineWorkItem] {
        try queue.claimWork(owner: owner, leaseMillis: lease, limit: 500).filter { $0.project == project }
    }

    func rows(_ sql: String, _ parameters: [String]) throws -> [[String?]] {
        try TestDatabase.query(sql, parameters, database: databaseURL)
    }

    @Test func concurrentClaimersNeverShareWorkAndAJobsWorkIsDoneInOrder() throws {
        let project = ProjectID("q-\(UInt32.random(in: 0...UInt32.max))")!
        var ids: [JobID] = []
        for _ in 0..<10 {
            let job = try f.makeJob(project)
            _ = try Completion.wait { f.service.apply(.run(resumeSavepoint: false), to: job.id, in: project, context: f.context, completion: $0) }
            ids.append(job.id)
        }
        // A second piece of work for the first job (stop → cancel) waits for its first.
        _ = try Completion.wait { f.service.apply(.stop(triggerSavepoint: false), to: ids[0], in: project, context: f.context, completion: $0) }
        let a = try claimOwn(project, owner: "a")
        let b = try claimOwn(project, owner: "b")
        let keys = (a + b).map { "\($0.jobID)/\($0.workVersion)" }
        #expect(Set(keys).count == keys.count)
        #expect((a + b).filter { $0.jobID == ids[0] }.count == 1)
        #expect((a + b).first { $0.jobID == ids[0] }?.kind == .submit)
    }

    @Test func anExpiredLeaseIsTakenOverAndOnlyTheHolderCompletes() throws {
        let project = ProjectID("q-\(UInt32.random(in: 0...UInt32.max))")!
        let job = try f.makeJob(project)
        _ = try Completion.wait { f.service.apply(.run(resumeSavepoint: false), to: job.id, in: project, context: f.context, completion: $0) }
        let first = try #require(try claimOwn(project, owner: "crashed", lease: 300).first)
        #expect(try claimOwn(project, owner: "other").isEmpty)
        usleep(400_000)
        let taken = try #require(try claimOwn(project, owner: "other").first)
        #expect(taken.workVersion == first.workVersion && taken.attempts == 2)
        try queue.complete(first, owner: "crashed", outcome: "late")  // ignored: no longer the holder
        try queue.complete(taken, owner: "other", outcome: "submitted")
        let rows = try rows(
            "SELECT outcome, claimed_by FROM engine_work WHERE project_id = $1", [project.rawValue])
        #expect(rows.count == 1 && rows[0][0] == "submitted" && rows[0][1] == "other")
    }

    @Test func aNewEngineJobKeepsTheOneItReplacesAsPreviousAndARetryKeepsIt() throws {
        let project = ProjectID("q-\(UInt32.random(in: 0...UInt32.max))")!
        let job = try f.makeJob(project)
        let first = EngineJobID(String(repeating: "a", count: 32))!
        let second = EngineJobID(String(repeating: "b", count: 32))!
        try queue.setEngineJob(first, project: project, job: job.id, checkpointDir: "obs://b/ck", restoredFrom: nil)
        var record = try #require(try queue.record(project: project, job: job.id))
        #expect(record.engineJobID == first && record.checkpointDir == "obs://b/ck" && record.previous == nil)
        #expect(record.job.restartTimes == 0)
        let restoredFrom = "obs://b/ck/\(first.rawValue)/chk-3"
        for _ in 0..<2 {  // the second call is a retried submission under the same id
            try queue.setEngineJob(second, project: project, job: job.id, checkpointDir: "obs://b/ck2", restoredFrom: restoredFrom)
            record = try #require(try queue.record(project: project, job: job.id))
            #expect(record.engineJobID == second && record.checkpointDir == "obs://b/ck2" && record.restoredFrom == restoredFrom)
            #expect(record.previous == EngineJobLineage(engineJobID: first, checkpointDir: "obs://b/ck", restoredFrom: nil))
        }
    }

    @Test func engineTransitionsAreJournaledAlsoOnDeletedJobs() throws {
        let project = ProjectID("q-\(UInt32.random(in: 0...UInt32.max))")!
        let job = try f.makeJob(project)
        _ = try Completion.wait { f.service.apply(.run(resumeSavepoint: false), to: job.id, in: project, context: f.context, completion: $0) }
        let engineID = EngineJobID.derived(project: project, job: job.id, workVersion: 2)
        try queue.setEngineJob(engineID, project: project, job: job.id, checkpointDir: nil, restoredFrom: nil)
        var record = try #require(try queue.record(project: project, job: job.id))
        #expect(record.engineJobID == engineID && !record.isDeleted)
        let running = try #require(JobStateMachine.transition(from: record.job.status, observing: .running))
        #expect(try queue.apply(running, project: project, job: job.id, expectedVersion: record.job.version, actor: "r") != .versionConflict)
        #expect(try queue.apply(running, project: project, job: job.id, expectedVersion: record.job.version, actor: "r") == .versionConflict)
        _ = try Completion.wait { f.service.delete(job.id, in: project, context: f.context, completion: $0) }
        record = try #require(try queue.record(project: project, job: job.id))
        #expect(record.isDeleted && record.job.status == .jobRunning)
        let canceled = try #require(JobStateMachine.transition(from: .jobRunning, observing: .canceled))
        #expect(try queue.apply(canceled, project: project, job: job.id, expectedVersion: record.job.version, actor: "r") != .versionConflict)
        let journal = try rows(
            "SELECT event, to_status FROM job_journal WHERE project_id = $1 ORDER BY version", [project.rawValue])
        #expect(journal.map { $0[0]! } == ["create", "run", "engine_running", "delete", "engine_canceled"])
        #expect(journal.last?[1] == "job_cancel_success")
    }
}
