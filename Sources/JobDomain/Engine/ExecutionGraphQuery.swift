/// Reads a job's live execution plan from the engine, for `GET …/jobs/{job_id}/execute-graph`.
public struct ExecutionGraphQuery: Sendable {
    private let queue: any EngineWorkQueue
    private let engine: any Engine

    public init(queue: any EngineWorkQueue, engine: any Engine) {
        self.queue = queue
        self.engine = engine
    }

    /// What the engine says about a job's plan.
    public enum Outcome: Sendable, Equatable {
        case graph(ExecutionGraphSummary)
        /// The job never reached the engine, or the engine no longer knows it.
        case notOnEngine
        /// The engine cannot be reached now; the reason is safe to show.
        case engineUnavailable(String)
    }

    /// The plan of the live job `id` in `project`.
    /// - Throws: `JobError.jobNotFound` (also for a deleted job), `.storeUnavailable`, `.internalError`.
    public func executionGraph(of id: JobID, in project: ProjectID) throws(JobError) -> Outcome {
        guard let record = try queue.record(project: project, job: id), !record.isDeleted else { throw .jobNotFound(id) }
        guard let engineID = record.engineJobID else { return .notOnEngine }
        do {
            return .graph(try engine.executionGraph(of: engineID))
        } catch .notFound {
            return .notOnEngine
        } catch let error {
            return .engineUnavailable(error.reason)
        }
    }
}
