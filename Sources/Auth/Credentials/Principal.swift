/// Who a request acts as once authenticated: a credential, and the one project it is scoped to.
public struct Principal: Sendable, Equatable {
    /// The credential's id (never its secret); recorded as the actor in journals and audit events.
    public let credentialID: String
    /// The only project this credential may act on.
    public let projectID: String

    public init(credentialID: String, projectID: String) {
        self.credentialID = credentialID
        self.projectID = projectID
    }
}
