/// Looks credentials up on the request path: one indexed read each, no cache, so a revocation takes
/// effect on the next request.
public protocol CredentialStore: Sendable {
    /// The AK/SK credential with this access key, revoked or expired ones included (the caller decides).
    /// - Throws: `CredentialStoreError.unavailable` when the store cannot be reached, `.internalError` otherwise.
    func accessKey(_ accessKey: String) throws(CredentialStoreError) -> StoredAccessKey?

    /// The token credential whose SHA-256 is `hash`, revoked or expired ones included.
    /// - Throws: as `accessKey(_:)`.
    func token(sha256 hash: [UInt8]) throws(CredentialStoreError) -> StoredToken?

    /// Whether `project` has any credential (revoked and expired ones included), read scoped to that
    /// project. Only on the failed-authentication path, to choose the trail (`AuditScope`).
    /// - Throws: as `accessKey(_:)`.
    func hasCredentials(project: String) throws(CredentialStoreError) -> Bool
}

/// An AK/SK credential as stored: the SK sealed under a master key.
public struct StoredAccessKey: Sendable, Equatable {
    public var credentialID: String
    public var projectID: String
    public var accessKey: String
    public var sealedSecret: SealedSecret
    public var isRevoked: Bool
    public var isExpired: Bool

    public init(
        credentialID: String, projectID: String, accessKey: String, sealedSecret: SealedSecret, isRevoked: Bool,
        isExpired: Bool
    ) {
        self.credentialID = credentialID
        self.projectID = projectID
        self.accessKey = accessKey
        self.sealedSecret = sealedSecret
        self.isRevoked = isRevoked
        self.isExpired = isExpired
    }
}

/// A token credential as stored (only its hash is).
public struct StoredToken: Sendable, Equatable {
    public var credentialID: String
    public var projectID: String
    public var isRevoked: Bool
    public var isExpired: Bool

    public init(credentialID: String, projectID: String, isRevoked: Bool, isExpired: Bool) {
        self.credentialID = credentialID
        self.projectID = projectID
        self.isRevoked = isRevoked
        self.isExpired = isExpired
    }
}

/// Credential store failures (no details: they never reach clients).
public enum CredentialStoreError: Error, Sendable, Equatable {
    case unavailable
    case internalError
}
