/// Why a request was not authenticated or not authorized. The API answers every case except
/// `wrongProject` and `unavailable` the same way (401), so clients learn nothing from the reason;
/// it is for audit records and logs only.
public enum AuthFailure: Error, Sendable, Equatable {
    /// Neither `Authorization` nor `X-Auth-Token` was sent.
    case missingCredentials
    /// The `Authorization` header is not a well-formed `SDK-HMAC-SHA256` value, or both schemes were sent.
    case malformedAuthorization
    /// `X-Sdk-Date` is absent, unsigned, malformed, or more than the allowed skew from the server's clock.
    case dateOutOfWindow
    /// No credential has this AK or token (or its secret cannot be opened with the configured keys).
    case unknownCredential
    /// The credential was revoked.
    case revoked(credentialID: String)
    /// The token (or credential) has expired.
    case expired(credentialID: String)
    /// The body does not match the declared or signed hash.
    case payloadMismatch(credentialID: String)
    /// The signature does not match.
    case badSignature(credentialID: String)
    /// A valid credential, for another project than the one in the path.
    case wrongProject(Principal)
    /// The credential store could not be reached.
    case unavailable

    /// A short stable name for audit records (`bad_signature`, …).
    public var reason: String {
        switch self {
        case .missingCredentials: "missing_credentials"
        case .malformedAuthorization: "malformed_authorization"
        case .dateOutOfWindow: "date_out_of_window"
        case .unknownCredential: "unknown_credential"
        case .revoked: "revoked"
        case .expired: "expired"
        case .payloadMismatch: "payload_mismatch"
        case .badSignature: "bad_signature"
        case .wrongProject: "wrong_project"
        case .unavailable: "store_unavailable"
        }
    }

    /// The credential the request named, when one was found.
    public var credentialID: String? {
        switch self {
        case .revoked(let id), .expired(let id), .payloadMismatch(let id), .badSignature(let id): id
        case .wrongProject(let principal): principal.credentialID
        case .missingCredentials, .malformedAuthorization, .dateOutOfWindow, .unknownCredential, .unavailable: nil
        }
    }
}
