/// The alarm outbox as the dispatcher sees it: due alarms claimed under a lease, so several instances
/// can deliver from one outbox without sending an alarm twice at once. Blocking, like
/// ``EngineWorkQueue``: only the dispatcher's own threads call it.
public protocol AlarmOutbox: Sendable {
    /// Claims up to `limit` due alarms of any project, counting an attempt for each and holding them for
    /// `leaseMillis` (a crashed dispatcher's alarms are due again when the lease ends).
    /// - Throws: `JobError.storeUnavailable` when the database cannot be reached.
    func claimDue(owner: String, leaseMillis: Int64, limit: Int) throws(JobError) -> [Alarm]

    /// Records that the receiver acknowledged `alarm` (`delivered`); nothing when `owner` lost the lease.
    func recordDelivered(_ alarm: Alarm, owner: String, httpStatus: Int) throws(JobError)

    /// Records a failed attempt: due again after `retryAfterMillis`, or `gave_up` when it is nil.
    /// - Parameters:
    ///   - error: why, short and without secrets.
    ///   - httpStatus: the receiver's status when it answered.
    func recordFailure(_ alarm: Alarm, owner: String, error: String, httpStatus: Int?, retryAfterMillis: Int64?)
        throws(JobError)
}

/// A job's alarms and their delivery state, for the API. Asynchronous like ``JobRepository``.
public protocol AlarmLog: Sendable {
    /// The alarms of a live job of `project`, oldest first, or nil when the project has no such job.
    /// - Parameter completion: called exactly once, possibly on another thread.
    func alarms(of job: JobID, project: ProjectID, completion: @escaping @Sendable (Result<[Alarm]?, JobError>) -> Void)
}

/// The outcome of one delivery attempt.
public enum AlarmSendOutcome: Sendable, Equatable {
    /// The receiver answered 2xx.
    case delivered(httpStatus: Int)
    /// No answer (connection error, timeout) or another status; `reason` is short and holds no secret.
    case failed(reason: String, httpStatus: Int?)
}

/// Delivers one alarm to the receiver and waits for its answer (bounded). Called on the dispatcher's
/// threads only.
public protocol AlarmSender: Sendable {
    func send(_ alarm: Alarm) -> AlarmSendOutcome
}
