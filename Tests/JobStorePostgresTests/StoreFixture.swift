import JobDomain
import JobStorePostgres
import Logging
import PostgresClient
import TestSupport

/// A repository on a real, migrated PostgreSQL database. Each test uses its own project ids, so
/// tests can share the database and run in parallel.
struct StoreFixture {
    let pool: PGPool
    let repository: PostgresJobRepository
    let service: JobService
    let context = RequestContext(requestID: "req-test", actor: "tester")

    init() throws {
        let url = try TestDatabase.migrated()
        pool = PGPool(conninfo: url, size: 8)
        repository = PostgresJobRepository(pool: pool, logger: Logger(label: "test"))
        service = JobService(repository: repository)
    }

    /// A project id no other test uses.
    static func uniqueProject(_ label: String = "p") -> ProjectID {
        ProjectID("\(label)-\(UInt64.random(in: 0...UInt64.max))")!
    }

    func makeJob(_ project: ProjectID, name: String = "job-\(UInt32.random(in: 0...UInt32.max))") throws -> Job {
        var job = NewJob(name: name, jobType: .flinkOpenSourceSQL)
        job.sqlBody = "SELECT 1"
        return try Completion.wait { repository.insert(job, project: project, context: context, completion: $0) }
    }

    /// Moves a job to `status` through the repository (a recorded transition), as the engine would.
    func force(_ id: JobID, in project: ProjectID, to status: JobStatus) throws {
        let snapshot = try Completion.wait { repository.snapshot(id, project: project, completion: $0) }!
        let t = Transition(command: .update(runtimeSafe: true), from: snapshot.status, to: status, engineWork: nil)
        _ = try Completion.wait { repository.commit(t, job: id, project: project, expectedVersion: snapshot.version, changes: .none, context: context, completion: $0) }
    }

    /// Rows of a query, as strings, for assertions on what is stored.
    func rows(_ sql: PGStatement, _ params: [any PGBindable]) throws -> [[String?]] {
        try pool.withConnection { c in
            let r = try c.execute(sql, params)
            return (0..<r.rowCount).map { row in (0..<r.columnCount).map { r.string(row, $0) } }
        }
    }
}
