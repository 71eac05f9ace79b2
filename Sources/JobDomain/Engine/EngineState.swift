/// A job's state as the engine reports it (Flink's `JobStatus`, spelled as on its REST API).
public enum EngineJobState: String, Sendable, CaseIterable {
    case initializing = "INITIALIZING"
    case created = "CREATED"
    case running = "RUNNING"
    case failing = "FAILING"
    case failed = "FAILED"
    case cancelling = "CANCELLING"
    case canceled = "CANCELED"
    case finished = "FINISHED"
    case restarting = "RESTARTING"
    case suspended = "SUSPENDED"
    case reconciling = "RECONCILING"

    /// Whether the engine job has ended for good.
    public var isTerminal: Bool {
        switch self {
        case .failed, .canceled, .finished: return true
        case .initializing, .created, .running, .failing, .cancelling, .restarting, .suspended, .reconciling: return false
        }
    }
}

/// One look at an engine job.
public struct EngineJobStatus: Sendable, Equatable {
    public var state: EngineJobState
    /// Whether every task runs (a RUNNING job may still wait for slots).
    public var allTasksRunning: Bool
    /// Why the job failed, when it did: the root exception as the engine reports it, shortened.
    public var failureReason: String?
    /// Set when tasks of the job wait for task slots (a RUNNING job whose tasks are not all deployed).
    public var slotShortage: SlotShortage?
    /// How often the engine restarted the job by its restart strategy (nil: not known).
    public var restarts: Int?

    public init(
        state: EngineJobState, allTasksRunning: Bool, failureReason: String? = nil, slotShortage: SlotShortage? = nil,
        restarts: Int? = nil
    ) {
        self.restarts = restarts
        self.state = state
        self.allTasksRunning = allTasksRunning
        self.failureReason = failureReason
        self.slotShortage = slotShortage
    }
}

/// Progress of an asynchronous savepoint (or stop-with-savepoint) the engine was asked for.
public enum SavepointProgress: Sendable, Equatable {
    case inProgress
    /// Done; `path` is where it was written (e.g. `file:/…/savepoint-…`).
    case completed(path: String)
    case failed(reason: String)
}

/// The engine's identifier of one asynchronous savepoint request.
public struct SavepointRequestID: Hashable, Sendable {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The runtime execution plan of a live job: what `GET …/execute-graph` returns (dli-api.md §3.8).
public struct ExecutionGraphSummary: Sendable, Equatable {
    public var engineJobID: String
    public var name: String
    public var isStoppable: Bool
    /// The engine's own state name (RUNNING, FINISHED, …).
    public var state: String
    public var startTimeMillis: Int64
    /// −1 while running.
    public var endTimeMillis: Int64
    public var durationMillis: Int64

    public init(
        engineJobID: String, name: String, isStoppable: Bool, state: String, startTimeMillis: Int64,
        endTimeMillis: Int64, durationMillis: Int64
    ) {
        self.engineJobID = engineJobID
        self.name = name
        self.isStoppable = isStoppable
        self.state = state
        self.startTimeMillis = startTimeMillis
        self.endTimeMillis = endTimeMillis
        self.durationMillis = durationMillis
    }
}
