/// A just-created AK/SK credential. The secret key exists in clear only in this value: print it once.
public struct NewAccessKey: Sendable {
    public let credentialID: String
    public let projectID: String
    public let accessKey: String
    public let secretKey: String
}

/// A just-created token credential. The token exists in clear only in this value: print it once.
public struct NewToken: Sendable {
    public let credentialID: String
    public let projectID: String
    public let token: String
    public let expiresAtMillis: Int64
}

/// A credential as `streamjobs credentials list` shows it: never a secret.
public struct CredentialSummary: Sendable, Equatable {
    public let projectID: String
    public let credentialID: String
    /// `aksk` or `token`.
    public let kind: String
    public let accessKey: String?
    public let description: String
    public let createdAtMillis: Int64
    public let expiresAtMillis: Int64?
    public let revokedAtMillis: Int64?
    /// The master key that sealed an AK/SK credential's secret.
    public let masterKeyID: String?
}
