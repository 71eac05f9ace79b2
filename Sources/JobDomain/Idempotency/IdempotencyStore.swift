/// Where mutating requests that carry an `Idempotency-Key` reserve their key and store their response
/// (README, "Retrying safely"). Keys are per project: the same key in two projects names two
/// reservations. Asynchronous like ``JobRepository``: the caller never waits.
public protocol IdempotencyStore: Sendable {
    /// Reserves `reservation.key` in `project` for this request, or reports what holds it.
    ///
    /// A key that is not held, or whose stored response has expired, is reserved (``IdempotencyClaim/reserved``);
    /// of concurrent reservations of one key exactly one gets that. Expired keys of the project may be
    /// deleted on the way.
    /// - Parameter completion: called exactly once, possibly on another thread, with the claim or
    ///   `JobError.storeUnavailable` / `.internalError`.
    func reserve(
        _ reservation: IdempotencyReservation, project: ProjectID,
        completion: @escaping @Sendable (Result<IdempotencyClaim, JobError>) -> Void)

    /// Stores the response of the request that reserved the key (matched by `reservation.token`), so
    /// later requests replay it.
    /// - Parameter completion: called exactly once: true when stored, false when the reservation was no
    ///   longer this request's (it expired and another request took the key over).
    func complete(
        _ reservation: IdempotencyReservation, project: ProjectID, response: StoredResponse,
        completion: @escaping @Sendable (Result<Bool, JobError>) -> Void)
}

/// One request's claim on a key.
public struct IdempotencyReservation: Sendable, Equatable {
    /// The client's key: 1–255 printable ASCII characters (checked by the API).
    public let key: String
    /// What makes two requests "the same request" (64 hex digits): see the API's `RequestFingerprint`.
    public let fingerprint: String
    /// A random value of this request's own, so only it stores a response for the reservation.
    public let token: String

    public init(key: String, fingerprint: String, token: String) {
        self.key = key
        self.fingerprint = fingerprint
        self.token = token
    }
}

/// A response as stored for replay: status, content type and body bytes.
public struct StoredResponse: Sendable, Equatable {
    public let status: Int
    public let contentType: String?
    public let body: [UInt8]

    public init(status: Int, contentType: String?, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// What a reservation found.
public enum IdempotencyClaim: Sendable, Equatable {
    /// The key is this request's: execute, then ``IdempotencyStore/complete(_:project:response:completion:)``.
    case reserved
    /// The same request ran to completion before: replay its response.
    case replay(StoredResponse)
    /// The same request is still executing, within its lease.
    case inProgress
    /// The same request reserved the key but stored no response within its lease (it crashed, or is
    /// still running far longer than any request should): whether its change committed is unknown.
    case outcomeUnknown
    /// The key was used for a different request (another fingerprint).
    case mismatch
}

/// The timing rule of idempotency keys.
public enum IdempotencyRule {
    /// How long a stored response is replayed (24 h); past it the key is free again.
    public static let retentionSeconds: Int64 = 86_400
    /// How long a reservation without a response counts as executing (60 s); past it the outcome is
    /// reported as unknown.
    public static let leaseSeconds: Int64 = 60
}
