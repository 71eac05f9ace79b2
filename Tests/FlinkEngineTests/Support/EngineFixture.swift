import FlinkEngine
import Foundation
import JobDomain
import JobStorePostgres
import Logging
import PostgresClient
import StreamJobsApp
import TestSupport

/// A job service and running reconciler(s) on a migrated database and a real Flink cluster. Each test
/// uses its own project, so tests share the database and cluster and run in parallel.
final class EngineFixture: Sendable {
    let databaseURL: String
    let pool: PGPool
    let service: JobService
    let project = ProjectID("eng-\(UInt64.random(in: 0...UInt64.max))")!
    let context = RequestContext(requestID: "req-engine-test", actor: "tester")
    let flinkURL: String
    /// The object-store root the engine maps this project's locations into.
    let objectRoot: String
    let runners: [ReconcilerRunner]

    /// - Parameters:
    ///   - instances: reconciler instances (each with its own pool and owner name), as separate processes would have.
    init(
        instances: Int = 1, databaseURL: String? = nil, flinkURL: String? = nil,
        configure: (inout ReconcilerConfiguration) -> Void = { _ in }
    ) throws {
        self.databaseURL = try databaseURL ?? TestDatabase.migrated()
        self.flinkURL = try flinkURL ?? FlinkTestEnvironment.url()
        pool = PGPool(conninfo: self.databaseURL, size: 8)
        let logger = Logger(label: "engine-test")
        service = JobService(repository: PostgresJobRepository(pool: pool, logger: logger))
        let flink = try FlinkTestEnvironment.engineConfiguration(url: self.flinkURL, project: project.rawValue)
        objectRoot = flink.objectRoot
        var runners: [ReconcilerRunner] = []
        for index in 0..<instances {
            var configuration = ReconcilerConfiguration(owner: "test-\(UInt32.random(in: 0...UInt32.max))-\(index)")
            configuration.pollIntervalMillis = 300
            configuration.retryMillis = 200
            configuration.maxRetryMillis = 1000
            configure(&configuration)
            let instancePool = PGPool(conninfo: self.databaseURL, size: 4)
            let reconciler = Reconciler(
                queue: PostgresEngineWorkQueue(pool: instancePool, logger: logger), engine: FlinkEngine(configuration: flink),
                configuration: configuration)
            let runner = ReconcilerRunner(reconciler: reconciler, idleMillis: 50, logger: logger)
            runner.start(threads: 2)
            runners.append(runner)
        }
        self.runners = runners
    }

    deinit {
        for runner in runners { runner.stop() }
    }

    func create(_ job: NewJob) throws -> JobID {
        try Completion.wait { service.create(job, in: project, context: context, completion: $0) }.id
    }

    func apply(_ command: JobCommand, _ id: JobID) throws {
        _ = try Completion.wait { service.apply(command, to: id, in: project, context: context, completion: $0) }
    }

    /// Deletes the job with a delete's own stop options.
    func delete(_ id: JobID, _ options: StopOptions) throws {
        _ = try Completion.wait { service.delete(id, in: project, options: options, context: context, completion: $0) }
    }

    /// The stored row, deleted or not: status, status_desc, has_savepoint, savepoint_path, deleted.
    func row(_ id: JobID) throws -> (status: String, desc: String, hasSavepoint: Bool, savepoint: String?, deleted: Bool) {
        let r = try TestDatabase.query(
            "SELECT status, status_desc, has_savepoint::text, savepoint_path, (deleted_at IS NOT NULL)::text FROM jobs WHERE project_id = $1 AND job_id = $2",
            [project.rawValue, String(id.rawValue)], database: databaseURL)[0]
        return (r[0]!, r[1]!, r[2] == "true", r[3], r[4] == "true")
    }

    func status(_ id: JobID) -> String? { try? row(id).status }

    /// The engine (Flink) job id assigned to the job.
    func engineID(_ id: JobID) throws -> String? {
        try TestDatabase.query(
            "SELECT engine_job_id FROM engine_jobs WHERE project_id = $1 AND job_id = $2",
            [project.rawValue, String(id.rawValue)], database: databaseURL
        ).first?[0] ?? nil
    }

    /// The journal: (event, from, to, detail) in version order.
    func journal(_ id: JobID) throws -> [(event: String, from: String?, to: String, detail: String)] {
        try TestDatabase.query(
            "SELECT event, from_status, to_status, detail FROM job_journal WHERE project_id = $1 AND job_id = $2 ORDER BY version",
            [project.rawValue, String(id.rawValue)], database: databaseURL
        ).map { ($0[0]!, $0[1], $0[2]!, $0[3] ?? "") }
    }

    /// Waits until the job has `status` (default timeout 60 s).
    func wait(_ id: JobID, for status: JobStatus, seconds: Double = 60) -> Bool {
        FlinkTestEnvironment.eventually(seconds) { self.status(id) == status.rawValue }
    }

    /// The job's Flink state as the cluster reports it.
    func flinkState(_ id: JobID) -> String? {
        guard let engineID = try? engineID(id) else { return nil }
        return FlinkTestEnvironment.state(engineID, url: flinkURL)
    }

    /// The local path of this project's object location `obs://bucket/key`.
    func localPath(_ location: String) -> String {
        "\(objectRoot)/projects/\(project.rawValue)/" + location.dropFirst("obs://".count)
    }
}
