/// DLI's job lifecycle rules as one pure function (dli-api.md §4, "What each operation is allowed to do").
///
/// The repository enforces the outcome with a conditional update on the job's version, so a rule
/// decided here cannot be raced past.
public enum JobStateMachine {
    /// Decides whether `command` is legal for a job in `status`, and what it leads to.
    ///
    /// - Returns: the transition to record.
    /// - Throws: `JobError.illegalTransition` when the command is not allowed in this status.
    public static func transition(from status: JobStatus, on command: JobCommand) throws(JobError) -> Transition {
        switch command {
        case .delete:
            // Legal everywhere. A job that may be live is stopped on the engine later; delete never waits.
            return Transition(
                command: command, from: status, to: status,
                engineWork: status.mayBeLiveOnEngine ? .cancel : nil, softDeletes: true)

        case .run(let resume):
            switch status {
            case .jobInit, .jobSubmitFail, .jobRunningException, .jobCancelSuccess, .jobFinish, .jobArrearageStopped:
                return Transition(
                    command: command, from: status, to: .jobSubmitting,
                    engineWork: resume ? .submitFromSavepoint : .submit)
            case .jobSubmitting, .jobRunning, .jobDownloading, .jobIdle, .jobCanceling, .jobSavepointing,
                .jobArrearageRecovering:
                throw .illegalTransition(command: command, status: status, reason: "the job is already running or starting")
            case .jobCancelFail:
                throw .illegalTransition(command: command, status: status, reason: "the last stop failed; stop the job first")
            }

        case .stop(let savepoint):
            switch status {
            case .jobRunning:
                return savepoint
                    ? Transition(command: command, from: status, to: .jobSavepointing, engineWork: .stopWithSavepoint)
                    : Transition(command: command, from: status, to: .jobCanceling, engineWork: .cancel)
            case .jobSubmitting, .jobDownloading, .jobIdle, .jobArrearageRecovering, .jobCancelFail:
                // Not (yet) running: nothing to take a savepoint of, so stop by cancelling.
                return Transition(command: command, from: status, to: .jobCanceling, engineWork: .cancel)
            case .jobCanceling, .jobSavepointing:
                throw .illegalTransition(command: command, status: status, reason: "the job is already being stopped")
            case .jobInit, .jobSubmitFail, .jobRunningException, .jobCancelSuccess, .jobFinish, .jobArrearageStopped:
                throw .illegalTransition(command: command, status: status, reason: "the job is not running")
            }

        case .update(let runtimeSafe):
            if status.mayBeLiveOnEngine && !runtimeSafe {
                throw .illegalTransition(command: command, status: status, reason: "stop the job before changing it")
            }
            return Transition(command: command, from: status, to: status, engineWork: nil)

        case .triggerSavepoint:
            switch status {
            case .jobRunning:
                return Transition(command: command, from: status, to: status, engineWork: .triggerSavepoint)
            case .jobInit, .jobSubmitting, .jobSubmitFail, .jobRunningException, .jobDownloading, .jobIdle,
                .jobCanceling, .jobCancelSuccess, .jobCancelFail, .jobSavepointing, .jobArrearageStopped,
                .jobArrearageRecovering, .jobFinish:
                throw .illegalTransition(command: command, status: status, reason: "savepoints are taken of running jobs only")
            }

        case .importSavepoint:
            if status.mayBeLiveOnEngine {
                throw .illegalTransition(command: command, status: status, reason: "the job must not be running")
            }
            return Transition(command: command, from: status, to: status, engineWork: nil)

        case .overwrite:
            // An imported definition replaces the job's, which becomes a draft again (UMN dli_01_0461).
            if status.mayBeLiveOnEngine {
                throw .illegalTransition(command: command, status: status, reason: "stop the job before overwriting it")
            }
            return Transition(command: command, from: status, to: .jobInit, engineWork: nil)

        case .collectLogs:
            // Whether the job keeps logs at all (log_enabled, obs_bucket) is its definition's, checked by the
            // caller and again when the work runs; here only: a draft has never run, so it has no logs.
            guard status != .jobInit else {
                throw .illegalTransition(command: command, status: status, reason: "the job has never run")
            }
            return Transition(command: command, from: status, to: status, engineWork: .collectLogs)
        case .restore:
            // `transition` decides for live jobs; a deleted one is decided by `restore(from:deleted:)`.
            return try restore(from: status, deleted: false)
        case .purge:
            // Only deleted jobs are purged, by `purge(from:deleted:enginePending:)`.
            throw .illegalTransition(command: command, status: status, reason: "the job is not deleted")
        }
    }

    /// Decides whether a job in `status` may be restored (an extension beyond DLI): only a deleted job,
    /// and only once its engine side has settled (the delete's stop has finished). It comes back stopped
    /// (`job_cancel_success`, whatever it was deleted in) and keeps its savepoint, so a run with
    /// `resume_savepoint` continues from the state a delete's stop-with-savepoint kept.
    ///
    /// - Returns: the transition to record (no engine work; the repository also clears the deletion).
    /// - Throws: `JobError.illegalTransition` when the job is not deleted or may still run on an engine.
    public static func restore(from status: JobStatus, deleted: Bool) throws(JobError) -> Transition {
        guard deleted else {
            throw .illegalTransition(command: .restore, status: status, reason: "the job is not deleted")
        }
        guard !status.mayBeLiveOnEngine else {
            throw .illegalTransition(
                command: .restore, status: status,
                reason: "the job is still being stopped on the engine; retry once its status is final")
        }
        return Transition(command: .restore, from: status, to: .jobCancelSuccess, engineWork: nil)
    }

    /// Decides whether a job may be purged (an extension beyond DLI): only a deleted job, and only once
    /// the engine work its delete enqueued is done (as for restore).
    /// - Throws: `JobError.illegalTransition` naming the reason.
    public static func purge(from status: JobStatus, deleted: Bool, enginePending: Bool) throws(JobError) {
        guard deleted else {
            throw .illegalTransition(
                command: .purge, status: status, reason: "the job is not deleted; only deleted jobs are purged")
        }
        guard !enginePending else {
            throw .illegalTransition(
                command: .purge, status: status,
                reason: "the job is still being stopped on the engine; retry once its status is final")
        }
    }
}
