/// Looks credentials up on the request path: one indexed read each. (``CachingCredentialStore`` keeps
/// what these return while a change feed proves nothing changed.)
///
/// Every lookup completes through `completion`, exactly once, possibly on another thread: the request
/// path never waits for one (an HTTP worker must not wait on PostgreSQL). A store that can answer at
/// once (in memory) may complete before returning.
public protocol CredentialStore: Sendable {
    /// The AK/SK credential with this access key, revoked or expired ones included (the caller decides),
    /// looked for in `project` (the request's) first: only when it is not there is it looked for in every
    /// project (so a credential of another project is told from an unknown one, on the failure path).
    /// Fails with `CredentialStoreError.unavailable` when the store cannot be reached, `.internalError` otherwise.
    func accessKey(_ accessKey: String, project: String, completion: @escaping CredentialLookup<StoredAccessKey?>)

    /// The token credential whose SHA-256 is `hash`, revoked or expired ones included, looked for in
    /// `project` first as ``accessKey(_:project:completion:)`` does.
    func token(sha256 hash: [UInt8], project: String, completion: @escaping CredentialLookup<StoredToken?>)

    /// Whether `project` has any credential (revoked and expired ones included), read scoped to that
    /// project. Only on the failed-authentication path, to choose the trail (`AuditScope`).
    func hasCredentials(project: String, completion: @escaping CredentialLookup<Bool>)
}

/// Receives a credential lookup's outcome, exactly once.
public typealias CredentialLookup<T> = @Sendable (Result<T, CredentialStoreError>) -> Void

/// An AK/SK credential as stored: the SK sealed under a master key.
public struct StoredAccessKey: Sendable, Equatable {
    public var credentialID: String
    public var projectID: String
    public var accessKey: String
    public var sealedSecret: SealedSecret
    public var isRevoked: Bool
    public var isExpired: Bool
    /// How long it had left before expiring when it was read, in milliseconds; nil when it never expires.
    public var expiresInMillis: Int64?

    public init(
        credentialID: String, projectID: String, accessKey: String, sealedSecret: SealedSecret, isRevoked: Bool,
        isExpired: Bool, expiresInMillis: Int64? = nil
    ) {
        self.credentialID = credentialID
        self.projectID = projectID
        self.accessKey = accessKey
        self.sealedSecret = sealedSecret
        self.isRevoked = isRevoked
        self.isExpired = isExpired
        self.expiresInMillis = expiresInMillis
    }
}

/// A token credential as stored (only its hash is).
public struct StoredToken: Sendable, Equatable {
    public var credentialID: String
    public var projectID: String
    public var isRevoked: Bool
    public var isExpired: Bool
    /// How long it had left before expiring when it was read, in milliseconds; nil when it never expires.
    public var expiresInMillis: Int64?

    public init(credentialID: String, projectID: String, isRevoked: Bool, isExpired: Bool, expiresInMillis: Int64? = nil) {
        self.credentialID = credentialID
        self.projectID = projectID
        self.isRevoked = isRevoked
        self.isExpired = isExpired
        self.expiresInMillis = expiresInMillis
    }
}

/// Credential store failures (no details: they never reach clients).
public enum CredentialStoreError: Error, Sendable, Equatable {
    case unavailable
    case internalError
}
