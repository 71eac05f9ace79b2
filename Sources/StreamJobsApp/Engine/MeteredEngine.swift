import JobDomain
import ServiceMetrics

/// An `Engine` that counts failed engine calls by operation and records whether the engine answers,
/// around the real adapter: the reconciler and the API see the same engine and need no metrics code.
struct MeteredEngine: Engine {
    let engine: any Engine
    let metrics: ReconcilerMetrics

    /// Runs one call and records its outcome. Answers that only describe the job (not found, already
    /// terminal) still prove the engine is reachable and are not errors of the engine.
    private func measure<T>(_ operation: EngineOperation, _ call: () throws(EngineError) -> T) throws(EngineError) -> T {
        do {
            let value = try call()
            metrics.recordEngineReachable(true)
            return value
        } catch {
            switch error {
            case .unavailable:
                metrics.recordEngineReachable(false)
                metrics.recordEngineError(operation)
            case .notFound, .alreadyTerminal:
                metrics.recordEngineReachable(true)
            case .rejected, .invalidJob, .protocolError:
                metrics.recordEngineReachable(true)
                metrics.recordEngineError(operation)
            }
            throw error
        }
    }

    func submit(_ submission: EngineSubmission) throws(EngineError) -> EngineJobID {
        try measure(.submit) { () throws(EngineError) in try engine.submit(submission) }
    }
    func status(of id: EngineJobID) throws(EngineError) -> EngineJobStatus {
        try measure(.status) { () throws(EngineError) in try engine.status(of: id) }
    }
    func cancel(_ id: EngineJobID) throws(EngineError) {
        try measure(.cancel) { () throws(EngineError) in try engine.cancel(id) }
    }
    func stopWithSavepoint(_ id: EngineJobID, project: ProjectID, directory: String?, drain: Bool) throws(EngineError)
        -> SavepointRequestID
    {
        try measure(.savepoint) { () throws(EngineError) in
            try engine.stopWithSavepoint(id, project: project, directory: directory, drain: drain)
        }
    }
    func triggerSavepoint(_ id: EngineJobID, project: ProjectID, directory: String?) throws(EngineError)
        -> SavepointRequestID
    {
        try measure(.savepoint) { () throws(EngineError) in
            try engine.triggerSavepoint(id, project: project, directory: directory)
        }
    }
    func savepointProgress(of id: EngineJobID, project: ProjectID, request: SavepointRequestID) throws(EngineError)
        -> SavepointProgress
    {
        try measure(.savepoint) { () throws(EngineError) in
            try engine.savepointProgress(of: id, project: project, request: request)
        }
    }
    func executionGraph(of id: EngineJobID) throws(EngineError) -> ExecutionGraphSummary {
        try measure(.other) { () throws(EngineError) in try engine.executionGraph(of: id) }
    }
    func plan(_ job: Job) throws(EngineError) -> EnginePlan {
        try measure(.other) { () throws(EngineError) in try engine.plan(job) }
    }
    func metrics(of id: EngineJobID) throws(EngineError) -> EngineJobMetrics {
        try measure(.other) { () throws(EngineError) in try engine.metrics(of: id) }
    }
    func latestCheckpoint(of id: EngineJobID, base: String?, project: ProjectID) throws(EngineError) -> String? {
        try measure(.other) { () throws(EngineError) in try engine.latestCheckpoint(of: id, base: base, project: project) }
    }
    func collectLogs(_ request: EngineLogRequest) throws(EngineError) -> EngineLogReport {
        try measure(.other) { () throws(EngineError) in try engine.collectLogs(request) }
    }
}
