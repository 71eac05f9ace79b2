/// What the failed-authentication throttle counts by: one client address failing in one way, with one
/// credential (or none), on one project's path. Two failures share a record only when all four agree,
/// so the failures on one project's path are never counted into a record of another project.
public struct FailedAuthKey: Hashable, Sendable {
    /// The client's address, as the HTTP server reports it.
    public var clientAddress: String
    /// The project named in the request's path (where the record would go, see `AuditScope`).
    public var projectID: String
    /// The credential the request named, or `anonymous` when none was found.
    public var credentialID: String
    /// Why authentication failed (`AuthFailure.reason`).
    public var reason: String

    public init(clientAddress: String, projectID: String, credentialID: String, reason: String) {
        self.clientAddress = clientAddress
        self.projectID = projectID
        self.credentialID = credentialID
        self.reason = reason
    }
}
