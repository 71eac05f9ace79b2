/// Reads jobs' input and output counters from the engine, for `POST /v1.0/{project_id}/streaming/jobs/metrics`.
public struct JobMetricsQuery: Sendable {
    private let queue: any EngineWorkQueue
    private let engine: any Engine

    public init(queue: any EngineWorkQueue, engine: any Engine) {
        self.queue = queue
        self.engine = engine
    }

    /// What the engine says about the jobs.
    public enum Outcome: Sendable, Equatable {
        /// One entry per requested id, in order.
        case metrics([(JobID, EngineJobMetrics)])
        /// The engine cannot be reached now; the reason is safe to show.
        case engineUnavailable(String)

        public static func == (a: Outcome, b: Outcome) -> Bool {
            switch (a, b) {
            case (.metrics(let x), .metrics(let y)): return x.elementsEqual(y) { $0.0 == $1.0 && $0.1 == $1.1 }
            case (.engineUnavailable(let x), .engineUnavailable(let y)): return x == y
            default: return false
            }
        }
    }

    /// The counters of jobs `ids` of `project`; a job that never reached the engine, or that the engine no
    /// longer knows, counts nothing.
    /// - Throws: `JobError.jobNotFound` for the first id that is not a job of `project` (or is deleted),
    ///   `.storeUnavailable`, `.internalError`.
    public func metrics(of ids: [JobID], in project: ProjectID) throws(JobError) -> Outcome {
        var engineIDs: [EngineJobID?] = []
        for id in ids {
            guard let record = try queue.record(project: project, job: id), !record.isDeleted else { throw .jobNotFound(id) }
            engineIDs.append(record.engineJobID)
        }
        var answers: [(JobID, EngineJobMetrics)] = []
        for (id, engineID) in zip(ids, engineIDs) {
            guard let engineID else {
                answers.append((id, .none))
                continue
            }
            do {
                answers.append((id, try engine.metrics(of: engineID)))
            } catch .notFound {
                answers.append((id, .none))
            } catch let error {
                return .engineUnavailable(error.reason)
            }
        }
        return .metrics(answers)
    }
}
