/// Where an alarm's delivery stands (the `state` column of `job_alarms`, migrations/0011, same list as its CHECK).
public enum AlarmState: String, Sendable, CaseIterable {
    /// Not delivered yet; tried again at `nextAttemptAtMillis`.
    case pending
    /// The receiver acknowledged it (a 2xx answer).
    case delivered
    /// Every attempt the retry rule allows failed; it is no longer tried.
    case gaveUp = "gave_up"
}

/// A failure alarm of a job (issue 16, "Alarms"): recorded in the outbox in the same transaction as the
/// status change that raised it (`job_running_exception`, `job_submit_fail`, `job_cancel_fail` of a job
/// with an `smn_topic`), then delivered at least once to the configured receiver.
public struct Alarm: Sendable, Equatable {
    public var project: ProjectID
    /// Unique within the project; the receiver may use it to drop repeated deliveries.
    public var id: Int64
    public var jobID: JobID
    /// The job's name when it is at hand (a claimed alarm carries it), else nil.
    public var jobName: String?
    /// The job's `smn_topic` when the alarm was raised.
    public var topic: String
    /// The status the job entered.
    public var status: JobStatus
    /// Why (the job's `status_desc` of that transition).
    public var reason: String
    public var createdAtMillis: Int64
    public var state: AlarmState
    /// Delivery attempts started so far (a claim counts one).
    public var attempts: Int
    /// When the next attempt is due; nil once delivered or given up.
    public var nextAttemptAtMillis: Int64?
    public var deliveredAtMillis: Int64?
    /// Why the last attempt failed (short, no secrets), nil after a success.
    public var lastError: String?
    /// The receiver's HTTP status of the last attempt that got an answer.
    public var lastHTTPStatus: Int?

    public init(
        project: ProjectID, id: Int64, jobID: JobID, jobName: String? = nil, topic: String, status: JobStatus,
        reason: String, createdAtMillis: Int64, state: AlarmState = .pending, attempts: Int = 0,
        nextAttemptAtMillis: Int64? = nil, deliveredAtMillis: Int64? = nil, lastError: String? = nil,
        lastHTTPStatus: Int? = nil
    ) {
        self.project = project
        self.id = id
        self.jobID = jobID
        self.jobName = jobName
        self.topic = topic
        self.status = status
        self.reason = reason
        self.createdAtMillis = createdAtMillis
        self.state = state
        self.attempts = attempts
        self.nextAttemptAtMillis = nextAttemptAtMillis
        self.deliveredAtMillis = deliveredAtMillis
        self.lastError = lastError
        self.lastHTTPStatus = lastHTTPStatus
    }
}

extension JobStatus {
    /// Whether entering this status raises an alarm for a job with an `smn_topic`: the failures a
    /// user must act on (`job_running_exception`, `job_submit_fail`, `job_cancel_fail`).
    public var raisesAlarm: Bool {
        switch self {
        case .jobRunningException, .jobSubmitFail, .jobCancelFail:
            return true
        case .jobInit, .jobSubmitting, .jobRunning, .jobDownloading, .jobIdle, .jobCanceling, .jobCancelSuccess,
            .jobSavepointing, .jobArrearageStopped, .jobArrearageRecovering, .jobFinish:
            return false
        }
    }
}

extension EngineTransition {
    /// Whether this transition raises an alarm (when the job has an `smn_topic`): it enters a status
    /// that ``JobStatus/raisesAlarm``. The store records the alarm in the same statement as the transition.
    public var raisesAlarm: Bool { to.raisesAlarm && from != to }
}
