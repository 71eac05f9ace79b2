/// Who asked for a change and through which request; recorded with every journal entry.
public struct RequestContext: Sendable, Equatable {
    /// The request id the caller sees in `X-Request-Id`.
    public var requestID: String
    /// The acting principal (a credential id once authentication exists; "anonymous" before).
    public var actor: String

    public init(requestID: String, actor: String) {
        self.requestID = requestID
        self.actor = actor
    }
}
