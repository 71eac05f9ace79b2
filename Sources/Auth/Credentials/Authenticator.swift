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
/// One lookup per request, never waited for (it completes on the store's thread, or at once when the
/// store is a ``CachingCredentialStore`` that has it). Opened AK/SK secret keys are cached
/// (``SecretKeyCache``): a sealed secret never changes, so that cache cannot make a revoked or foreign
/// credential pass, it only spares the decryption.
public struct Authenticator: Sendable {
    private let store: any CredentialStore
    private let keyring: Keyring
    private let secrets: SecretKeyCache
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
        self.secrets = SecretKeyCache()
        self.allowedSkewSeconds = allowedSkewSeconds
        self.now = now
    }

    /// The audit trail for a failed authentication on `projectID`'s path (`AuditScope`): the project's
    /// when it has credentials, else the operator's. One indexed read; call it only on the failure path.
    /// - Parameter completion: receives the scope, exactly once, possibly on another thread.
    public func auditScope(forFailureOn projectID: String, completion: @escaping @Sendable (String) -> Void) {
        AuditScope.forFailedAuthentication(on: projectID, in: store, completion: completion)
    }

    /// The principal of `request`, which must be scoped to `projectID`, handed to `completion` exactly
    /// once, possibly on the store's thread; the caller never waits for the lookup.
    /// - Parameter completion: the principal, or `AuthFailure`: `.wrongProject` for a valid credential of
    ///   another project, `.unavailable` when the store is down, any other case for missing or bad credentials.
    public func authenticate(
        _ request: HTTPRequest, projectID: String, completion: @escaping @Sendable (Result<Principal, AuthFailure>) -> Void
    ) {
        let scheme: Scheme
        do {
            scheme = try Self.scheme(of: request, now: now(), allowedSkewSeconds: allowedSkewSeconds)
        } catch {
            return completion(.failure(error))
        }
        let verified: @Sendable (Result<Principal, AuthFailure>) -> Void = { outcome in
            completion(outcome.flatMap { principal in
                principal.projectID == projectID ? .success(principal) : .failure(.wrongProject(principal))
            })
        }
        switch scheme {
        case .token(let hash):
            store.token(sha256: hash, project: projectID) { found in
                verified(Result { () throws(AuthFailure) -> Principal in try Self.verify(token: found) })
            }
        case .signed(let authorization, let date):
            store.accessKey(authorization.accessKey, project: projectID) { [self] found in
                verified(Result { () throws(AuthFailure) -> Principal in
                    try verify(request, authorization, date: date, found: found)
                })
            }
        }
    }

    /// How a request authenticates, read from its headers alone (no lookup yet).
    private enum Scheme {
        /// `X-Auth-Token`: the token's SHA-256.
        case token([UInt8])
        /// `Authorization: SDK-HMAC-SHA256 …` with its (signed, in-window) `X-Sdk-Date`.
        case signed(SDKAuthorization, date: String)
    }

    /// The scheme of `request`, or why it has none that may be looked up.
    private static func scheme(of request: HTTPRequest, now: Int64, allowedSkewSeconds: Int64) throws(AuthFailure) -> Scheme {
        let authorization = request.headers.values(for: "Authorization")
        let tokens = request.headers.values(for: "X-Auth-Token")
        switch (authorization.count, tokens.count) {
        case (0, 0):
            throw .missingCredentials
        case (0, 1):
            return .token(CredentialSecrets.tokenHash(tokens[0].trimmingSpaces))
        case (1, 0):
            guard let parsed = SDKAuthorization(authorization[0]) else { throw .malformedAuthorization }
            let dates = request.headers.values(for: "X-Sdk-Date")
            guard dates.count == 1, parsed.signedHeaders.contains("x-sdk-date"), parsed.signedHeaders.contains("host"),
                let signedAt = SDKDate.epochSeconds(dates[0].trimmingSpaces), abs(now - signedAt) <= allowedSkewSeconds
            else { throw .dateOutOfWindow }
            return .signed(parsed, date: dates[0].trimmingSpaces)
        default:
            throw .malformedAuthorization
        }
    }

    private static func verify(token found: Result<StoredToken?, CredentialStoreError>) throws(AuthFailure) -> Principal {
        guard case .success(let stored) = found else { throw .unavailable }
        guard let stored else { throw .unknownCredential }
        guard !stored.isRevoked else { throw .revoked(credentialID: stored.credentialID) }
        guard !stored.isExpired else { throw .expired(credentialID: stored.credentialID) }
        return Principal(credentialID: stored.credentialID, projectID: stored.projectID)
    }

    private func verify(
        _ request: HTTPRequest, _ authorization: SDKAuthorization, date: String,
        found: Result<StoredAccessKey?, CredentialStoreError>
    ) throws(AuthFailure) -> Principal {
        guard case .success(let stored) = found else { throw .unavailable }
        guard let stored else { throw .unknownCredential }
        guard !stored.isRevoked else { throw .revoked(credentialID: stored.credentialID) }
        guard !stored.isExpired else { throw .expired(credentialID: stored.credentialID) }
        guard let secret = secrets.secret(of: stored, keyring: keyring) else { throw .unknownCredential }
        guard let payloadHash = Self.payloadHash(request, authorization) else {
            throw .payloadMismatch(credentialID: stored.credentialID)
        }
        guard
            let canonical = try? CanonicalRequest.text(
                request, signedHeaders: authorization.signedHeaders, payloadHash: payloadHash)
        else { throw .badSignature(credentialID: stored.credentialID) }
        let expected = Hex.encode(SDKSignature.sign(canonicalRequest: canonical, date: date, secretKey: secret))
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
