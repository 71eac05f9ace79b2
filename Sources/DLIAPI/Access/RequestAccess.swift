import Auth
import HTTPServer
import JobDomain

/// Authentication and audit on the DLI request path, after routing (so the project is known and 401
/// and 403 can be told apart) and before any endpoint runs.
///
/// Without an authenticator every request acts as `anonymous` (local development only: the service
/// refuses that on a non-loopback address). Without an audit sink nothing is recorded.
public struct RequestAccess: Sendable {
    private let authenticator: Authenticator?
    private let audit: (any AuditSink)?
    private let throttle: FailedAuthThrottle

    /// - Parameters:
    ///   - authenticator: checks credentials; nil disables authentication.
    ///   - audit: receives one event per (throttled) failed authentication and per mutating request whose
    ///     writes did not record it in their own transactions (``records(_:_:_:)``).
    ///   - throttle: bounds failed-authentication records.
    public init(authenticator: Authenticator?, audit: (any AuditSink)?, throttle: FailedAuthThrottle = FailedAuthThrottle()) {
        self.authenticator = authenticator
        self.audit = audit
        self.throttle = throttle
    }

    /// No authentication, no audit.
    public static let open = RequestAccess(authenticator: nil, audit: nil)

    /// Whether requests on `facts.project` are authenticated (``authorize(_:_:completion:)`` must run);
    /// without an authenticator every request acts as `anonymous`.
    func authenticates(_ facts: AccessFacts) -> Bool {
        authenticator != nil && facts.project != nil
    }

    /// The actor `request` acts as on `facts.project`, handed to `completion` exactly once, possibly on
    /// the credential store's thread: the caller never waits for the lookup. A failed authentication is
    /// recorded before `completion` runs: counted per `FailedAuthKey` (address, project, credential,
    /// reason) by the throttle, and written to the path's project only when that project has
    /// credentials, else to the operator's trail (`AuditScope.operatorScope`, with the named project as
    /// target `project_id=<id>`), so no client can write into the trail of a project that has no
    /// credentials.
    /// - Parameter completion: the actor (a credential id, `anonymous` without an authenticator), or
    ///   `APIError` 401 `DLI.0013`, 403 `DLI.0016`, or 503 when the credential store is down.
    func authorize(
        _ request: HTTPRequest, _ facts: AccessFacts,
        completion: @escaping @Sendable (Result<String, APIError>) -> Void
    ) {
        guard let authenticator, let project = facts.project else { return completion(.success("anonymous")) }
        authenticator.authenticate(request, projectID: project.rawValue) { [self] outcome in
            switch outcome {
            case .success(let principal):
                completion(.success(principal.credentialID))
            case .failure(let error):
                let apiError = APIError(error)
                let key = FailedAuthKey(
                    clientAddress: request.clientAddress, projectID: project.rawValue,
                    credentialID: error.credentialID ?? "anonymous", reason: error.reason)
                guard error != .unavailable, let audit, let count = throttle.admit(key) else {
                    return completion(.failure(apiError))
                }
                // Only admitted failures pay for the scope read, so the throttle bounds it too.
                authenticator.auditScope(forFailureOn: project.rawValue) { scope in
                    audit.record(
                        AuditEvent(
                            projectID: scope, actor: key.credentialID, action: facts.action(request),
                            targets: scope == project.rawValue ? [] : ["project_id=\(project.rawValue)"],
                            status: apiError.status, errorCode: apiError.code, reason: error.reason,
                            requestID: request.requestID, clientAddress: request.clientAddress, count: count)
                    ) { completion(.failure(apiError)) }
                }
            }
        }
    }

    /// Whether `request` is audited: a mutating request (any method but GET and HEAD) that reached a
    /// project and passed authentication, with an audit sink. Requests that never reached a project
    /// (unknown route, invalid project id) and failed authentications (recorded by `authorize`) are not.
    func audits(_ request: HTTPRequest, _ facts: AccessFacts) -> Bool {
        audit != nil && facts.project != nil && request.method != "GET" && request.method != "HEAD"
    }

    /// The audit facts an audited request's writes record in their own transactions (`RequestAudit`):
    /// each changed row gets its event committed with it, and `facts.recorded` is set once one did.
    /// Nil when the request is not audited.
    func requestAudit(_ request: HTTPRequest, _ facts: AccessFacts) -> RequestAudit? {
        guard audits(request, facts) else { return nil }
        return RequestAudit(action: facts.action(request), clientAddress: request.clientAddress, recorded: facts.recorded)
    }

    /// Whether ``recordOutcome(_:_:_:errorCode:then:)`` writes a separate event for this answer: for every
    /// audited request except a success whose change was recorded in the change's own transaction (its
    /// writes set `facts.recorded`). So refused requests, which change nothing, successes that changed
    /// nothing (deleting a job already deleted) and changes outside the database (an export's file) get
    /// one separate event each, as before.
    func records(_ request: HTTPRequest, _ facts: AccessFacts, _ response: HTTPResponse) -> Bool {
        audits(request, facts) && !((200..<300).contains(response.status) && facts.recorded.isSet)
    }

    /// Records an audited request's outcome once it is answered, unless its writes already recorded it
    /// (``records(_:_:_:)``), then calls `then` (at once when there is nothing to record), in which the
    /// caller sends the response: the client hears of a change only after its audit event is stored.
    func recordOutcome(
        _ request: HTTPRequest, _ facts: AccessFacts, _ response: HTTPResponse, errorCode: String?,
        reason: String? = nil, then: @escaping @Sendable () -> Void
    ) {
        guard records(request, facts, response), let audit, let project = facts.project else { return then() }
        audit.record(
            AuditEvent(
                projectID: project.rawValue, actor: facts.actor, action: facts.action(request),
                targets: AuditTargets.of(request, facts, response), status: response.status, errorCode: errorCode,
                reason: reason, requestID: request.requestID, clientAddress: request.clientAddress),
            then: then)
    }
}

/// What routing learned about a request, for authentication and audit.
struct AccessFacts: Sendable {
    var template: String?
    var project: ProjectID?
    var parameters: [String: PercentEncodedString] = [:]
    var actor = "anonymous"
    /// Set once a write of this request committed its audit event with the change (`RequestAudit`).
    var recorded = AuditMarker()

    /// `METHOD template`, e.g. `DELETE /v1.0/{project_id}/streaming/jobs/{job_id}`.
    func action(_ request: HTTPRequest) -> String { "\(request.method.sanitizedForMessage) \(template ?? "")" }
}
