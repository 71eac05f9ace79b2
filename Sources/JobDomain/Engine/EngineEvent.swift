/// Something the reconciler learned about a job's engine job; the input of
/// `JobStateMachine.transition(from:observing:)`.
public enum EngineEvent: Sendable, Equatable {
    /// The engine accepted the job under this id; `origin` says what state it starts from when that is
    /// news (a restore, or a restore that found no state), for the journal and `status_desc`.
    case submitted(EngineJobID, origin: String? = nil)
    /// The engine refused to start the job.
    case submitFailed(reason: String)
    /// The job and all its tasks run.
    case running
    /// The job failed and will not restart.
    case failed(reason: String)
    /// A bounded job ended, or a stop-with-savepoint completed.
    case finished
    /// The job was cancelled.
    case canceled
    /// The reconciler is stopping the job (for a stop or a delete), with or without a savepoint first.
    case stopRequested(savepoint: Bool)
    /// A savepoint was written to `path`.
    case savepointCompleted(path: String)
    /// A savepoint could not be taken.
    case savepointFailed(reason: String)
    /// The engine no longer knows a job it ran (e.g. the cluster restarted without high availability).
    case lost
    /// A stop could not be carried out: the engine did not confirm the cancellation within the deadline,
    /// or refused it. The job may still end later (then it is `canceled`/`finished`/`failed` as usual).
    case stopFailed(reason: String)

    /// The journal's name for the event.
    public var name: String {
        switch self {
        case .submitted: return "engine_submitted"
        case .submitFailed: return "engine_submit_failed"
        case .running: return "engine_running"
        case .failed: return "engine_failed"
        case .finished: return "engine_finished"
        case .canceled: return "engine_canceled"
        case .stopRequested: return "engine_stop_requested"
        case .savepointCompleted: return "engine_savepoint_completed"
        case .savepointFailed: return "engine_savepoint_failed"
        case .lost: return "engine_lost"
        case .stopFailed: return "engine_stop_failed"
        }
    }
}

/// What an engine event changes on a job: recorded with a journal entry, conditionally on the version.
public struct EngineTransition: Sendable, Equatable {
    public let event: EngineEvent
    public let from: JobStatus
    public let to: JobStatus
    /// The new `status_desc`.
    public let description: String
    /// A savepoint to record (`has_savepoint` = true, `savepoint_path`).
    public let savepointPath: String?
    /// Engine work to enqueue in the same statement (resubmitting a lost job).
    public let engineWork: EngineWork?

    public init(
        event: EngineEvent, from: JobStatus, to: JobStatus, description: String, savepointPath: String? = nil,
        engineWork: EngineWork? = nil
    ) {
        self.event = event
        self.from = from
        self.to = to
        self.description = description
        self.savepointPath = savepointPath
        self.engineWork = engineWork
    }

    /// Whether the job starts running with this transition (its `started_at` is set).
    public var startsRunning: Bool { to == .jobRunning && from != .jobRunning }
}
