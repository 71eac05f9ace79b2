/// One audit record: who did what to which objects in which project, and how it ended.
///
/// `actor` is a credential id (never a secret), `anonymous` when authentication is off or failed before
/// a credential was found, or `cli:<user>` for admin commands. `count` is how many identical failed
/// authentications this record stands for (see `FailedAuthThrottle`); 1 otherwise.
public struct AuditEvent: Sendable, Equatable {
    public var projectID: String
    public var actor: String
    /// What was attempted: `METHOD route-template` (`POST /v1.0/{project_id}/streaming/sql-jobs`) or an
    /// admin action (`credentials.create`).
    public var action: String
    /// Ids of the objects acted on (job ids, template ids, credential ids), as text.
    public var targets: [String]
    /// The HTTP status of the answer (0 for admin commands, which have none).
    public var status: Int
    /// The DLI error code of a failed request, if any.
    public var errorCode: String?
    /// Why authentication failed (`bad_signature`, …), if it did; for a request answered from its
    /// `Idempotency-Key` without executing, how (`idempotent_replay`, `idempotency_in_progress`, …).
    public var reason: String?
    public var requestID: String
    public var clientAddress: String
    public var count: Int

    public init(
        projectID: String, actor: String, action: String, targets: [String] = [], status: Int, errorCode: String? = nil,
        reason: String? = nil, requestID: String, clientAddress: String, count: Int = 1
    ) {
        self.projectID = projectID
        self.actor = actor
        self.action = action
        self.targets = targets
        self.status = status
        self.errorCode = errorCode
        self.reason = reason
        self.requestID = requestID
        self.clientAddress = clientAddress
        self.count = count
    }
}

/// An audit event as read back, with its time.
public struct AuditRecord: Sendable, Equatable {
    public var eventID: Int64
    /// When it was recorded, in epoch milliseconds.
    public var occurredAtMillis: Int64
    public var event: AuditEvent

    public init(eventID: Int64, occurredAtMillis: Int64, event: AuditEvent) {
        self.eventID = eventID
        self.occurredAtMillis = occurredAtMillis
        self.event = event
    }
}
