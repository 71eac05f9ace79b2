/// A request that changes a job's lifecycle; the input of `JobStateMachine`.
public enum JobCommand: Sendable, Equatable, Hashable {
    /// Submit the job (batch run); `resumeSavepoint` restores from the latest savepoint.
    case run(resumeSavepoint: Bool)
    /// Stop the job (batch stop), optionally taking a savepoint first.
    case stop(triggerSavepoint: Bool)
    /// Soft-delete the job; legal in every state.
    case delete
    /// Change the job's definition. `runtimeSafe` is true when only fields that a running job may
    /// change in place are touched (alarm topic, restart policy, OBS bucket: dli-api.md §3.2 [TF]).
    case update(runtimeSafe: Bool)
    /// Take a savepoint of a running job.
    case triggerSavepoint
    /// Attach an existing savepoint to a job that is not running.
    case importSavepoint
    /// Replace the whole definition from an import (`is_cover`) and go back to `job_init` (Draft);
    /// legal only when the job is not live on an engine.
    case overwrite
    /// Collect the job's logs into its `obs_bucket` now (`POST …/jobs/{job_id}/logs`); the status does not change.
    case collectLogs
    /// Bring a deleted job back (an extension beyond DLI); legal only for a deleted job whose engine
    /// side has settled (``JobStateMachine/restore(from:deleted:)``).
    case restore
    /// Hard-delete a deleted job now (an extension beyond DLI, `DELETE …/deleted-jobs/{job_id}`); legal only
    /// for a deleted job whose engine side has settled (``JobStateMachine/purge(from:deleted:enginePending:)``).
    case purge

    /// The journal's name for the command.
    public var name: String {
        switch self {
        case .run: return "run"
        case .stop: return "stop"
        case .delete: return "delete"
        case .update: return "update"
        case .triggerSavepoint: return "trigger_savepoint"
        case .importSavepoint: return "import_savepoint"
        case .overwrite: return "overwrite"
        case .collectLogs: return "collect_logs"
        case .restore: return "restore"
        case .purge: return "purge"
        }
    }
}

/// Work a transition asks the engine reconciler to do later; requests never wait for it.
public enum EngineWork: String, Sendable, CaseIterable {
    case submit
    case submitFromSavepoint = "submit_from_savepoint"
    case cancel
    case stopWithSavepoint = "stop_with_savepoint"
    case triggerSavepoint = "trigger_savepoint"
    /// Resubmission of a job the engine lost, from the lost engine job's latest checkpoint.
    case restore
    /// Writing the job's logs (Flink's exception history, final status, checkpoint statistics and the
    /// JobManager log lines naming the engine job) to `<obs_bucket>/jobs/<job_id>/logs/<engine job id>/`.
    case collectLogs = "collect_logs"
}

/// The outcome of a legal command: the status to record and what, if anything, the engine must do.
public struct Transition: Sendable, Equatable {
    public let command: JobCommand
    public let from: JobStatus
    public let to: JobStatus
    /// Engine work to enqueue in the same transaction, if any.
    public let engineWork: EngineWork?
    /// Whether the job is soft-deleted by this transition.
    public let softDeletes: Bool

    public init(command: JobCommand, from: JobStatus, to: JobStatus, engineWork: EngineWork?, softDeletes: Bool = false) {
        self.command = command
        self.from = from
        self.to = to
        self.engineWork = engineWork
        self.softDeletes = softDeletes
    }
}
