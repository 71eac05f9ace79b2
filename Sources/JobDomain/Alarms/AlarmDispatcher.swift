/// What one dispatcher pass did.
public struct AlarmDispatchReport: Sendable, Equatable {
    public var claimed = 0
    public var delivered = 0
    /// Failed attempts that will be retried.
    public var failed = 0
    public var gaveUp = 0

    public init() {}
}

/// Delivers the outbox's due alarms: claim, send, record the outcome by the ``AlarmRetryRule``. At least
/// once: an alarm is `delivered` only after a 2xx; a dispatcher that dies mid-send leaves it to be
/// claimed again when its lease ends.
public struct AlarmDispatcher: Sendable {
    public let outbox: any AlarmOutbox
    public let sender: any AlarmSender
    public let rule: AlarmRetryRule
    /// This dispatcher's name in the outbox's leases (unique per thread and instance).
    public let owner: String
    public let leaseMillis: Int64
    public let batch: Int

    /// - Parameters:
    ///   - leaseMillis: how long a claim holds; longer than the sender's timeout.
    ///   - batch: alarms claimed per pass.
    public init(
        outbox: any AlarmOutbox, sender: any AlarmSender, rule: AlarmRetryRule, owner: String,
        leaseMillis: Int64 = 60_000, batch: Int = 10
    ) {
        self.outbox = outbox
        self.sender = sender
        self.rule = rule
        self.owner = owner
        self.leaseMillis = leaseMillis
        self.batch = batch
    }

    /// One pass: claims due alarms and tries each once.
    /// - Throws: `JobError` when the outbox cannot be reached (the pass stops; leases expire).
    public func tick() throws(JobError) -> AlarmDispatchReport {
        var report = AlarmDispatchReport()
        let alarms = try outbox.claimDue(owner: owner, leaseMillis: leaseMillis, limit: batch)
        report.claimed = alarms.count
        for alarm in alarms {
            switch sender.send(alarm) {
            case .delivered(let status):
                try outbox.recordDelivered(alarm, owner: owner, httpStatus: status)
                report.delivered += 1
            case .failed(let reason, let status):
                switch rule.afterFailure(attempts: alarm.attempts) {
                case .retry(let delay):
                    try outbox.recordFailure(
                        alarm, owner: owner, error: String(reason.prefix(200)), httpStatus: status, retryAfterMillis: delay)
                    report.failed += 1
                case .giveUp:
                    try outbox.recordFailure(
                        alarm, owner: owner, error: String(reason.prefix(200)), httpStatus: status, retryAfterMillis: nil)
                    report.gaveUp += 1
                }
            }
        }
        return report
    }
}
