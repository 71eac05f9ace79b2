import JobDomain

/// `smn_topic` asks for failure alarms; without a receiver (`STREAMJOBS_ALARM_WEBHOOK_URL`) none could
/// be delivered, so a request that sets one is refused rather than stored to do nothing.
struct AlarmTopicCheck: Sendable {
    /// Whether an alarm receiver is configured (then every topic is accepted).
    var receiverConfigured = false

    /// Why a topic cannot be taken (the DLI 400's reason).
    static let reason = "no alarm receiver is configured: STREAMJOBS_ALARM_WEBHOOK_URL"

    /// Refuses a request body that sets a non-empty `smn_topic` when no receiver is configured.
    /// - Throws: 400 `DLI.0001` naming `smn_topic`.
    func check(_ body: FieldReader) throws(APIError) {
        guard !receiverConfigured, case .string(let topic)? = body.object["smn_topic"], !topic.isEmpty else { return }
        throw .invalidParameter("smn_topic", Self.reason)
    }

    /// Whether a job definition (an imported one) may be stored as it is.
    func accepts(_ job: NewJob) -> Bool { receiverConfigured || (job.config.smnTopic ?? "").isEmpty }
}
