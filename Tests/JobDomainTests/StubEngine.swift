@testable import JobDomain

/// The fake engines of these tests conform to this and write only what their test is about: every
/// other call answers as an engine that has nothing (submit accepts, cancel succeeds, savepoints are
/// refused, lookups find nothing).
protocol StubEngine: Engine {}

extension StubEngine {
    func submit(_ submission: EngineSubmission) throws(EngineError) -> EngineJobID { submission.engineJobID }
    func status(of id: EngineJobID) throws(EngineError) -> EngineJobStatus { throw .notFound }
    func cancel(_ id: EngineJobID) throws(EngineError) {}
    func stopWithSavepoint(_ id: EngineJobID, project: ProjectID, directory: String?, drain: Bool) throws(EngineError)
        -> SavepointRequestID
    { throw .rejected("no savepoints here") }
    func triggerSavepoint(_ id: EngineJobID, project: ProjectID, directory: String?) throws(EngineError)
        -> SavepointRequestID
    { throw .rejected("no savepoints here") }
    func savepointProgress(of id: EngineJobID, project: ProjectID, request: SavepointRequestID) throws(EngineError)
        -> SavepointProgress
    { throw .notFound }
    func executionGraph(of id: EngineJobID) throws(EngineError) -> ExecutionGraphSummary { throw .notFound }
    func plan(_ job: Job) throws(EngineError) -> EnginePlan { throw .unavailable("no planner here") }
    func metrics(of id: EngineJobID) throws(EngineError) -> EngineJobMetrics { throw .notFound }
    func latestCheckpoint(of id: EngineJobID, base: String?, project: ProjectID) throws(EngineError) -> String? { nil }
    func collectLogs(_ request: EngineLogRequest) throws(EngineError) -> EngineLogReport { throw .notFound }
}
