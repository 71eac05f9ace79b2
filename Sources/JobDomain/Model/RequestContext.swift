/// Who asked for a change and through which request; recorded with every journal entry.
public struct RequestContext: Sendable, Equatable {
    /// The request id the caller sees in `X-Request-Id`.
    public var requestID: String
    /// The acting principal (a credential id once authentication exists; "anonymous" before).
    public var actor: String
    /// When set, every write of the request records the request's audit event in its own transaction
    /// and marks `audit.recorded` once committed; nil when the request is not audited (no audit sink).
    public var audit: RequestAudit?
    /// The job version the caller last read (`If-Match`): a mutation of a job at another version fails
    /// with `JobError.versionMismatch` instead of being applied (and is not retried over a newer
    /// version). nil: no precondition.
    public var expectedVersion: Int64?

    public init(requestID: String, actor: String, audit: RequestAudit? = nil, expectedVersion: Int64? = nil) {
        self.expectedVersion = expectedVersion
        self.requestID = requestID
        self.actor = actor
        self.audit = audit
    }
}
