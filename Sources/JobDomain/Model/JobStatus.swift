/// The 14 job statuses of DLI's Flink job API (dli-api.md §4), spelled exactly as on the wire.
///
/// The SQL `CHECK` constraint on `jobs.status` lists the same names; a test keeps the two equal.
public enum JobStatus: String, CaseIterable, Sendable, Hashable {
    case jobInit = "job_init"
    case jobSubmitting = "job_submitting"
    case jobSubmitFail = "job_submit_fail"
    case jobRunning = "job_running"
    case jobRunningException = "job_running_exception"
    case jobDownloading = "job_downloading"
    case jobIdle = "job_idle"
    case jobCanceling = "job_canceling"
    case jobCancelSuccess = "job_cancel_success"
    case jobCancelFail = "job_cancel_fail"
    case jobSavepointing = "job_savepointing"
    case jobArrearageStopped = "job_arrearage_stopped"
    case jobArrearageRecovering = "job_arrearage_recovering"
    case jobFinish = "job_finish"

    /// Whether a job in this status may have a live job on an engine, so that deleting it must stop it there.
    ///
    /// Conservative on purpose: `job_cancel_fail` means a stop was tried and failed, so the engine
    /// job may still run; `job_idle` and `job_downloading` are states of a submitted job.
    public var mayBeLiveOnEngine: Bool {
        switch self {
        case .jobSubmitting, .jobRunning, .jobDownloading, .jobIdle, .jobCanceling, .jobCancelFail,
            .jobSavepointing, .jobArrearageRecovering:
            return true
        case .jobInit, .jobSubmitFail, .jobRunningException, .jobCancelSuccess, .jobArrearageStopped, .jobFinish:
            return false
        }
    }
}
