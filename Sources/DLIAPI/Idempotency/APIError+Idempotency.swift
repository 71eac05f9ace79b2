import JobDomain

/// The errors of the `Idempotency-Key` extension (README, "Retrying safely"), in DLI's format.
extension APIError {
    /// 409: the first request with the key is still executing; retry after a second.
    static let idempotencyInProgress = APIError(
        status: 409, code: DLIErrorCode.resourceUnavailable,
        message: "A request with this Idempotency-Key is still being executed; retry later to get its response.",
        headers: [("Retry-After", "1")])

    /// 409: the first request with the key stored no response within its lease: its outcome is unknown,
    /// and it is never executed a second time under this key.
    static let idempotencyOutcomeUnknown = APIError(
        status: 409, code: DLIErrorCode.serverError,
        message: "The request first sent with this Idempotency-Key did not complete within "
            + "\(IdempotencyRule.leaseSeconds) seconds and its outcome is unknown: check the resource's state, "
            + "then send the request again with a new key if needed.")

    /// 422: the key was used for another request.
    static let idempotencyKeyReused = APIError(
        status: 422, code: DLIErrorCode.parameterInvalid,
        message: "Invalid parameter 'Idempotency-Key': it was already used for a different request "
            + "(method, path, query or body differ) in the last 24 hours; use a new key.")
}
