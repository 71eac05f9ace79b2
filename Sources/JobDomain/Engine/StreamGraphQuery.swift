/// Plans a SQL job on the engine without running it, for `POST /v3/{project_id}/streaming/jobs/{job_id}/gen-graph`.
public struct StreamGraphQuery: Sendable {
    private let queue: any EngineWorkQueue
    private let engine: any Engine

    public init(queue: any EngineWorkQueue, engine: any Engine) {
        self.queue = queue
        self.engine = engine
    }

    /// What the engine's planner made of the SQL.
    public enum Outcome: Sendable, Equatable {
        case graph(EnginePlan)
        /// The job is a Jar job: gen-graph plans SQL jobs only.
        case notSQLJob
        /// The planner refused the SQL (or the job cannot be planned); the reason is the planner's.
        case invalidSQL(String)
        /// The engine refused the request for another reason.
        case engineRejected(String)
        /// The engine cannot be reached now; the reason is safe to show.
        case engineUnavailable(String)
    }

    /// The plan of job `id` of `project` with `sql` as its SQL and `parallelism` (nil: the job's own)
    /// instead of the stored ones; every other setting (UDF jar, runtime_config, …) is the stored job's.
    /// - Throws: `JobError.jobNotFound` (also for a deleted job or one of another project),
    ///   `.storeUnavailable`, `.internalError`.
    public func plan(of id: JobID, in project: ProjectID, sql: String, parallelism: Int?) throws(JobError) -> Outcome {
        guard let record = try queue.record(project: project, job: id), !record.isDeleted else { throw .jobNotFound(id) }
        var job = record.job
        guard job.jobType.isSQL else { return .notSQLJob }
        job.sqlBody = sql
        if let parallelism { job.config.parallelNumber = parallelism }
        do {
            return .graph(try engine.plan(job))
        } catch .invalidJob(let reason) {
            return .invalidSQL(reason)
        } catch .rejected(let reason) {
            return .engineRejected(reason)
        } catch let error {
            return .engineUnavailable(error.reason)
        }
    }
}
