import HTTPServer
import JSONCodec
import JobDomain
import Logging

/// The `Idempotency-Key` extension (README, "Retrying safely"), one wrapper for every mutating route
/// (``DLIEndpoint/mutates``), after authentication:
///
/// - without the header, or on a route that changes nothing, the endpoint runs as it always did;
/// - a malformed header is 400 `DLI.0001` naming it, and nothing is reserved;
/// - otherwise the key is reserved in the project (``IdempotencyStore/reserve(_:project:completion:)``,
///   a pipeline unit: no thread waits). The request that gets it runs the endpoint and stores the
///   response, whatever its status, before delivering it; the others get, by what they find: the stored
///   response replayed byte for byte (with `Idempotent-Replayed: true`), 409 `DLI.0012` with
///   `Retry-After: 1` while the first still executes, 409 `DLI.0999` when the first stored nothing within
///   its lease (outcome unknown: never executed twice), or 422 `DLI.0001` when the key was used for a
///   different request. Those answers are audited like any refused request.
extension DLIResponder {
    /// The header that marks a replayed response.
    static let replayedHeader = "Idempotent-Replayed"

    /// Runs the matched endpoint of an authenticated request, honouring its `Idempotency-Key`.
    func execute(_ matched: Matched, _ request: HTTPRequest, _ facts: AccessFacts) -> HTTPAnswer {
        guard matched.match.endpoint.mutates else { return run(matched, request, facts) }
        let found: IdempotencyKey?
        do {
            found = try IdempotencyKey.from(request.headers)
        } catch {
            return audited(request, facts, failed(request, error), errorCode: error.code)
        }
        guard let key = found, let store = idempotency else { return run(matched, request, facts) }
        let reservation = IdempotencyReservation(
            key: key.value,
            fingerprint: RequestFingerprint.of(
                request, template: matched.match.template.description, parameters: matched.match.parameters),
            token: Self.newToken())
        let project = matched.project
        return .later { [self] deliver in
            store.reserve(reservation, project: project) { outcome in
                let refusal: APIError
                let reason: String
                switch outcome {
                case .success(.reserved):
                    return Self.send(run(matched, request, facts)) { response in
                        store.complete(reservation, project: project, response: StoredResponse(response)) { stored in
                            if (try? stored.get()) != true {
                                // Retries then get 409 until the lease ends, then "outcome unknown".
                                logger.warning(
                                    "idempotency key response not stored",
                                    metadata: [
                                        "request.id": "\(request.requestID)", "http.status": "\(response.status)",
                                    ])
                            }
                            deliver(response)
                        }
                    }
                case .success(.replay(let stored)):
                    let response = Self.replay(stored)
                    let errorCode = response.status < 400 ? nil : Self.errorCode(of: stored.body)
                    return Self.send(
                        audited(request, facts, response, errorCode: errorCode, reason: "idempotent_replay"), deliver)
                case .success(.inProgress): (refusal, reason) = (.idempotencyInProgress, "idempotency_in_progress")
                case .success(.outcomeUnknown):
                    (refusal, reason) = (.idempotencyOutcomeUnknown, "idempotency_outcome_unknown")
                case .success(.mismatch): (refusal, reason) = (.idempotencyKeyReused, "idempotency_key_reused")
                case .failure(let error): (refusal, reason) = (APIError(error), "idempotency_store_failed")
                }
                Self.send(
                    audited(request, facts, failed(request, refusal), errorCode: refusal.code, reason: reason), deliver)
            }
        }
    }

    /// A stored response as replayed: its status, content type and body bytes, marked as a replay.
    static func replay(_ stored: StoredResponse) -> HTTPResponse {
        var response = HTTPResponse(status: stored.status, body: stored.body)
        if let contentType = stored.contentType { response.headers.add(name: "Content-Type", value: contentType) }
        response.headers.add(name: replayedHeader, value: "true")
        return response
    }

    /// The DLI `error_code` of a stored error body, for the replay's audit event.
    static func errorCode(of body: [UInt8]) -> String? {
        (try? JSONParser.parse(body))?["error_code"]?.stringValue
    }

    /// Hands `answer`'s response to `deliver`, now or when it comes.
    static func send(_ answer: HTTPAnswer, _ deliver: @escaping @Sendable (HTTPResponse) -> Void) {
        switch answer {
        case .now(let response): deliver(response)
        case .later(let start): start(deliver)
        }
    }

    /// 128 random bits as hex: the reservation's own token.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return [generator.next(), generator.next()].map { (word: UInt64) in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}

extension StoredResponse {
    /// What of `response` is stored for replay: status, content type, body.
    init(_ response: HTTPResponse) {
        self.init(status: response.status, contentType: response.headers["Content-Type"], body: response.body)
    }
}
