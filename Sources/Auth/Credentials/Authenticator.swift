import Glibc
import HTTPServer

/// Authenticates a request by either scheme DLI clients use (dli-api.md §6.1) and checks that the
/// credential is scoped to the request's project:
///
/// - `Authorization: SDK-HMAC-SHA256 …` with `X-Sdk-Date`: the signature is recomputed over the
///   canonical request with the stored (decrypted) secret key and compared in constant time; the
///   date must be signed and within `allowedSkewSeconds` of the server's clock.
/// - `X-Auth-Token: …`: the token's SHA-256 is looked up.
///
/// One indexed lookup per request and no cache, so revocation takes effect on the next request.
public struct Authenticator: Sendable {
    private let store: any CredentialStore
    private let keyring: Keyring
    private let now: @Sendable () -> Int64
    /// How far `X-Sdk-Date` may be from the server's clock, either way.
    public let allowedSkewSeconds: Int64

    /// - Parameters:
    ///   - store: where credentials are looked up.
    ///   - keyring: opens the stored secret keys.
    ///   - allowedSkewSeconds: the `X-Sdk-Date` window (default 15 minutes).
    ///   - now: seconds since the Unix epoch (injectable for tests).
    public init(
        store: any CredentialStore, keyring: Keyring, allowedSkewSeconds: Int64 = 900,
        now: @escaping @Sendable () -> Int64 = Authenticator.wallClockSeconds
    ) {
        self.store = store
        self.keyring = keyring
        self.allowedSkewSeconds = allowedSkewSeconds
        self.now = now
    }

    /// The audit trail for a failed authentication on `projectID`'s path (`AuditScope`): the project's
    /// when it has credentials, else the operator's. One indexed read; call it only on the failure path.
    public func auditScope(forFailureOn projectID: String) -> String {
        AuditScope.forFailedAuthentication(on: projectID, in: store)
    }

    /// The principal of `request`, which must be scoped to `projectID`.
    /// - Throws: `AuthFailure`: `.wrongProject` for a valid credential of another project, `.unavailable`
    ///   when the store is down, any other case for missing or bad credentials.
    public func authenticate(_ request: HTTPRequest, projectID: String) throws(AuthFailure) -> Principal {
        let authorization = request.headers.values(for: "Authorization")
        let tokens = request.headers.values(for: "X-Auth-Token")
        let principal: Principal
        switch (authorization.count, tokens.count) {
        case (0, 0): throw .missingCredentials
        case (1, 0): principal = try signed(request, authorization[0])
        case (0, 1): principal = try token(tokens[0])
        default: throw .malformedAuthorization
        }
        guard principal.projectID == projectID else { throw .wrongProject(principal) }
        return principal
    }

    private func token(_ token: String) throws(AuthFailure) -> Principal {
        let stored: StoredToken?
        do {
            stored = try store.token(sha256: CredentialSecrets.tokenHash(token.trimmingSpaces))
        } catch {
            throw .unavailable
        }
        guard let stored else { throw .unknownCredential }
        guard !stored.isRevoked else { throw .revoked(credentialID: stored.credentialID) }
        guard !stored.isExpired else { throw .expired(credentialID: stored.credentialID) }
        return Principal(credentialID: stored.credentialID, projectID: stored.projectID)
    }

    private func signed(_ request: HTTPRequest, _ header: String) throws(AuthFailure) -> Principal {
        guard let authorization = SDKAuthorization(header) else { throw .malformedAuthorization }
        let dates = request.headers.values(for: "X-Sdk-Date")
        guard dates.count == 1, authorization.signedHeaders.contains("x-sdk-date"),
            authorization.signedHeaders.contains("host"), let signedAt = SDKDate.epochSeconds(dates[0].trimmingSpaces),
            abs(now() - signedAt) <= allowedSkewSeconds
        else { throw .dateOutOfWindow }
        let stored: StoredAccessKey?
        do {
            stored = try store.accessKey(authorization.accessKey)
        } catch {
            throw .unavailable
        }
        guard let stored else { throw .unknownCredential }
        guard !stored.isRevoked else { throw .revoked(credentialID: stored.credentialID) }
        guard !stored.isExpired else { throw .expired(credentialID: stored.credentialID) }
        guard let secret = try? keyring.open(stored.sealedSecret, context: stored.accessKey) else {
            throw .unknownCredential
        }
        guard let payloadHash = Self.payloadHash(request, authorization) else {
            throw .payloadMismatch(credentialID: stored.credentialID)
        }
        guard
            let canonical = try? CanonicalRequest.text(
                request, signedHeaders: authorization.signedHeaders, payloadHash: payloadHash)
        else { throw .badSignature(credentialID: stored.credentialID) }
        let expected = Hex.encode(SDKSignature.sign(canonicalRequest: canonical, date: dates[0].trimmingSpaces, secretKey: secret))
        guard ConstantTime.equal(Array(expected.utf8), Array(authorization.signature.lowercased().utf8)) else {
            throw .badSignature(credentialID: stored.credentialID)
        }
        return Principal(credentialID: stored.credentialID, projectID: stored.projectID)
    }

    /// The body hash the signature covers. An empty body hashes as empty (as the SDK does). A declared
    /// `X-Sdk-Content-Sha256` must be signed and equal the body's hash: `UNSIGNED-PAYLOAD` is refused,
    /// since every body this API takes is JSON, which the SDK always signs.
    private static func payloadHash(_ request: HTTPRequest, _ authorization: SDKAuthorization) -> String? {
        let actual = Digest.sha256Hex(request.body)
        if request.body.isEmpty { return actual }
        let declared = request.headers.values(for: "X-Sdk-Content-Sha256")
        guard !declared.isEmpty else { return actual }
        guard declared.count == 1, authorization.signedHeaders.contains("x-sdk-content-sha256"),
            ConstantTime.equal(Array(declared[0].trimmingSpaces.lowercased().utf8), Array(actual.utf8))
        else { return nil }
        return declared[0].trimmingSpaces
    }

    /// Seconds since the Unix epoch from the system clock.
    public static let wallClockSeconds: @Sendable () -> Int64 = {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec)
    }
}
