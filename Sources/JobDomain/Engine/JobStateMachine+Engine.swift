/// How engine observations move a job (the reconciler's half of the lifecycle).
extension JobStateMachine {
    /// The transition `event` causes for a job in `status`, or nil when it changes nothing (a late or
    /// repeated observation: the reconciler then records nothing).
    ///
    /// `job_init → job_submitting` is the run request's; from there `submitted`/`running` lead to
    /// `job_running`, and a refusal or a failure to `job_submit_fail` / `job_running_exception`. A stop
    /// goes `job_savepointing → job_canceling → job_cancel_success`; a bounded job ends in `job_finish`.
    /// A stop the engine does not carry out ends in `job_cancel_fail`, which is still polled: if the engine
    /// job ends after all, the job reaches `job_cancel_success`; a new stop may be asked for meanwhile.
    public static func transition(from status: JobStatus, observing event: EngineEvent) -> EngineTransition? {
        func to(_ next: JobStatus, _ description: String, savepoint: String? = nil, work: EngineWork? = nil)
            -> EngineTransition
        {
            EngineTransition(
                event: event, from: status, to: next, description: description, savepointPath: savepoint,
                engineWork: work)
        }
        switch event {
        case .submitted(let id, let origin):
            switch status {
            case .jobSubmitting:
                return to(.jobSubmitting, "submitted to the engine as \(id)\(origin.map { "; " + $0 } ?? ""); waiting for it to run")
            case .jobInit, .jobSubmitFail, .jobRunning, .jobRunningException, .jobDownloading, .jobIdle,
                .jobCanceling, .jobCancelSuccess, .jobCancelFail, .jobSavepointing, .jobArrearageStopped,
                .jobArrearageRecovering, .jobFinish:
                return nil
            }

        case .submitFailed(let reason):
            switch status {
            case .jobSubmitting:
                return to(.jobSubmitFail, reason)
            case .jobInit, .jobSubmitFail, .jobRunning, .jobRunningException, .jobDownloading, .jobIdle,
                .jobCanceling, .jobCancelSuccess, .jobCancelFail, .jobSavepointing, .jobArrearageStopped,
                .jobArrearageRecovering, .jobFinish:
                return nil
            }

        case .running:
            switch status {
            case .jobSubmitting, .jobDownloading, .jobIdle, .jobArrearageRecovering:
                return to(.jobRunning, "")
            case .jobInit, .jobSubmitFail, .jobRunning, .jobRunningException, .jobCanceling, .jobCancelSuccess,
                .jobCancelFail, .jobSavepointing, .jobArrearageStopped, .jobFinish:
                return nil
            }

        case .failed(let reason):
            switch status {
            case .jobSubmitting, .jobRunning, .jobDownloading, .jobIdle, .jobArrearageRecovering:
                return to(.jobRunningException, reason)
            case .jobCanceling, .jobSavepointing, .jobCancelFail:
                return to(.jobCancelSuccess, "the job failed while stopping: \(reason)")
            case .jobInit, .jobSubmitFail, .jobRunningException, .jobCancelSuccess, .jobArrearageStopped, .jobFinish:
                return nil
            }

        case .finished:
            switch status {
            case .jobSubmitting, .jobRunning, .jobDownloading, .jobIdle, .jobArrearageRecovering:
                return to(.jobFinish, "")
            case .jobCanceling, .jobSavepointing, .jobCancelFail:
                return to(.jobCancelSuccess, "")
            case .jobInit, .jobSubmitFail, .jobRunningException, .jobCancelSuccess, .jobArrearageStopped, .jobFinish:
                return nil
            }

        case .canceled:
            switch status {
            case .jobCanceling, .jobSavepointing, .jobCancelFail:
                return to(.jobCancelSuccess, "")
            case .jobSubmitting, .jobRunning, .jobDownloading, .jobIdle, .jobArrearageRecovering:
                return to(.jobCancelSuccess, "cancelled on the engine")
            case .jobInit, .jobSubmitFail, .jobRunningException, .jobCancelSuccess, .jobArrearageStopped, .jobFinish:
                return nil
            }

        case .stopRequested(let savepoint):
            switch status {
            case .jobSubmitting, .jobRunning, .jobDownloading, .jobIdle, .jobArrearageRecovering, .jobCancelFail:
                return savepoint
                    ? to(.jobSavepointing, "taking a savepoint, then stopping")
                    : to(.jobCanceling, "cancelling on the engine")
            case .jobSavepointing:
                return savepoint ? nil : to(.jobCanceling, "cancelling on the engine")
            case .jobInit, .jobSubmitFail, .jobRunningException, .jobCanceling, .jobCancelSuccess,
                .jobArrearageStopped, .jobFinish:
                return nil
            }

        case .savepointCompleted(let path):
            switch status {
            case .jobSavepointing:
                return to(.jobCanceling, "savepoint taken; stopping", savepoint: path)
            case .jobRunning:
                return to(.jobRunning, "savepoint taken", savepoint: path)
            case .jobInit, .jobSubmitting, .jobSubmitFail, .jobRunningException, .jobDownloading, .jobIdle,
                .jobCanceling, .jobCancelSuccess, .jobCancelFail, .jobArrearageStopped, .jobArrearageRecovering,
                .jobFinish:
                return nil
            }

        case .savepointFailed(let reason):
            switch status {
            case .jobSavepointing:
                return to(.jobCanceling, "savepoint failed (\(reason)); cancelling instead")
            case .jobRunning:
                return to(.jobRunning, "savepoint failed: \(reason)")
            case .jobInit, .jobSubmitting, .jobSubmitFail, .jobRunningException, .jobDownloading, .jobIdle,
                .jobCanceling, .jobCancelSuccess, .jobCancelFail, .jobArrearageStopped, .jobArrearageRecovering,
                .jobFinish:
                return nil
            }

        case .lost:
            switch status {
            case .jobSubmitting, .jobRunning, .jobDownloading, .jobIdle, .jobArrearageRecovering:
                return to(
                    .jobSubmitting, "the engine lost the job (restarted without high availability?); resubmitting it from "
                        + "its latest checkpoint", work: .restore)
            case .jobCanceling, .jobSavepointing, .jobCancelFail:
                return to(.jobCancelSuccess, "the engine no longer knows the job; it is stopped")
            case .jobInit, .jobSubmitFail, .jobRunningException, .jobCancelSuccess, .jobArrearageStopped, .jobFinish:
                return nil
            }

        case .stopFailed(let reason):
            switch status {
            case .jobCanceling, .jobSavepointing:
                return to(.jobCancelFail, reason)
            case .jobInit, .jobSubmitting, .jobSubmitFail, .jobRunning, .jobRunningException, .jobDownloading, .jobIdle,
                .jobCancelSuccess, .jobCancelFail, .jobArrearageStopped, .jobArrearageRecovering, .jobFinish:
                return nil
            }
        }
    }
}
