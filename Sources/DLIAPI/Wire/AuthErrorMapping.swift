import Auth

extension APIError {
    /// The one table from authentication failures to DLI's wire errors. Every way of failing to
    /// authenticate gets the same answer, so a client learns nothing about which check failed; a valid
    /// credential of another project gets 403 without any hint whether the target exists.
    public init(_ failure: AuthFailure) {
        switch failure {
        case .missingCredentials, .malformedAuthorization, .dateOutOfWindow, .unknownCredential, .revoked, .expired,
            .payloadMismatch, .badSignature:
            self.init(status: 401, code: DLIErrorCode.userAuthenticationError, message: "User authentication failed.")
        case .wrongProject:
            self.init(
                status: 403, code: DLIErrorCode.wrongIdentityOrRole,
                message: "The credential is not authorized for this project.")
        case .unavailable:
            self = .serviceUnavailable
        }
    }
}
