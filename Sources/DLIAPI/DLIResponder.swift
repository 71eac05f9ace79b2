import HTTPServer
import JobDomain
import Logging
import ObjectStore

/// The DLI wire API as an `HTTPResponder`: routing (``route(method:pathSegments:)``, once per request),
/// validation at the edge, the service call, and every error in DLI's `{error_code, error_msg}` format.
public struct DLIResponder: HTTPResponder {
    private var jobs: JobEndpoints
    private var templates: TemplateEndpoints?
    private var transfers: TransferEndpoints?
    let logger: Logger
    /// Authentication and audit (Access/RequestAccess.swift); `.open` unless set after init.
    public var access: RequestAccess = .open
    /// Per-route body limits and the JSON depth every body is parsed with (Validation/DLIRequestLimits.swift);
    /// defaults unless set after init.
    public var limits = DLIRequestLimits() {
        didSet {
            let requestBody = RequestBody(maxDepth: limits.jsonMaxDepth)
            jobs.requestBody = requestBody
            templates?.requestBody = requestBody
            transfers?.requestBody = requestBody
        }
    }
    /// The bounds on export and import archives (Transfer/ArchiveLimits.swift); defaults unless set after init.
    public var archiveLimits: ArchiveLimits {
        get { transfers?.limits ?? ArchiveLimits() }
        set { transfers?.limits = newValue }
    }
    /// The key of the page cursors (journal, deleted jobs); random unless set after init, so cursors then
    /// hold only on this process.
    public var cursorKey = PageCursorKey.random() {
        didSet { jobs.cursors = PageCursor(key: cursorKey) }
    }
    /// Where the endpoints that block (on a pooled database connection, the engine, a file) run, so they
    /// hold no HTTP worker; nil (unless set after init): they run on the worker.
    public var blockingExecutor: BlockingExecutor? = nil
    /// Where mutating requests with an `Idempotency-Key` reserve the key and store their response
    /// (`DLIResponder+Idempotency.swift`); nil (unless set after init): the header is checked, then ignored.
    public var idempotency: (any IdempotencyStore)? = nil
    /// Purges a deleted job on request (`DELETE …/deleted-jobs/{job_id}`, on the blocking executor); nil
    /// (unless set after init): that route answers 404.
    public var purger: JobPurger? {
        get { jobs.purger }
        set { jobs.purger = newValue }
    }

    /// - Parameters:
    ///   - service: the job service the endpoints call.
    ///   - logger: request failures are logged here with the request id (never bodies).
    ///   - clock: epoch milliseconds now (injectable for tests).
    ///   - templates: the template service; without it the template routes answer 404.
    ///   - objectStore: where export and import read and write archives; without it those routes answer 404.
    ///   - executionGraph: reads live plans from the engine; without one, `/execute-graph` says the job is
    ///     not running on an engine.
    ///   - streamGraph: plans SQL on the engine; without one, `/gen-graph` says no engine is configured.
    ///   - jobMetrics: reads jobs' counters from the engine; without one, `/jobs/metrics` counts nothing.
    ///   - alarms: jobs' failure alarms and their delivery state; without it `/jobs/{job_id}/alarms` answers 404.
    ///   - alarmReceiverConfigured: whether alarms are delivered anywhere; without a receiver a request
    ///     setting `smn_topic` is refused (400 naming the field).
    public init(
        service: JobService, logger: Logger, clock: @escaping @Sendable () -> Int64 = EpochClock.millis,
        templates: TemplateService? = nil, objectStore: FileObjectStore? = nil,
        executionGraph: ExecutionGraphQuery? = nil, streamGraph: StreamGraphQuery? = nil,
        jobMetrics: JobMetricsQuery? = nil, alarms: AlarmLog? = nil, alarmReceiverConfigured: Bool = false
    ) {
        self.jobs = JobEndpoints(
            service: service, clock: clock, executionGraph: executionGraph, streamGraph: streamGraph,
            jobMetrics: jobMetrics)
        self.jobs.alarms = alarms
        self.jobs.alarmTopics = AlarmTopicCheck(receiverConfigured: alarmReceiverConfigured)
        self.jobs.cursors = PageCursor(key: cursorKey)
        self.templates = templates.map { TemplateEndpoints(service: $0) }
        self.transfers = objectStore.map { TransferEndpoints(service: service, store: $0, clock: clock) }
        self.transfers?.alarmTopics = AlarmTopicCheck(receiverConfigured: alarmReceiverConfigured)
        self.logger = logger
    }

    /// Takes the route the request carries (matched once, from its head), authenticates, and runs the
    /// endpoint. Work that waits on the database answers later (the connection is parked, no thread
    /// waits), and so does every audited request: its response goes out
    /// once its audit event is stored, either with the change itself (the writes carry it, see
    /// `RequestAccess.requestAudit`) or separately afterwards (`RequestAccess.recordOutcome`).
    ///
    /// Authentication never waits on the worker either: with an authenticator, the credential lookup
    /// completes on the store's (pipeline) thread and the endpoint starts from there.
    public func answer(_ request: HTTPRequest) -> HTTPAnswer {
        var facts = AccessFacts()
        let matched: Matched
        do {
            matched = try match(request, &facts)
        } catch {
            return audited(request, facts, failed(request, error), errorCode: error.code)
        }
        guard access.authenticates(facts) else { return execute(matched, request, facts) }
        let routed = facts
        return .later { [self] deliver in
            access.authorize(request, routed) { outcome in
                switch outcome {
                case .success(let actor):
                    var facts = routed
                    facts.actor = actor
                    switch execute(matched, request, facts) {
                    case .now(let response): deliver(response)
                    case .later(let start): start(deliver)
                    }
                case .failure(let error):
                    // Recorded by `authorize` (throttled), never as a request outcome.
                    deliver(failed(request, error))
                }
            }
        }
    }

    /// A request routed to its endpoint in a project.
    struct Matched: Sendable {
        let match: Router<DLIEndpoint>.Match
        let project: ProjectID
    }

    /// Runs the matched endpoint as `facts.actor`, auditing the outcome.
    func run(_ matched: Matched, _ request: HTTPRequest, _ facts: AccessFacts) -> HTTPAnswer {
        let routed: EndpointAnswer
        do {
            routed = try dispatch(matched, request, facts)
        } catch {
            return audited(request, facts, failed(request, error), errorCode: error.code)
        }
        switch routed {
        case .now(let response):
            return audited(request, facts, response, errorCode: nil)
        case .later(let start):
            let facts = facts
            return .later { [self] deliver in
                start { outcome in
                    switch outcome {
                    case .success(let response):
                        access.recordOutcome(request, facts, response, errorCode: nil) { deliver(response) }
                    case .failure(let error):
                        let response = failed(request, error)
                        access.recordOutcome(request, facts, response, errorCode: error.code) { deliver(response) }
                    }
                }
            }
        }
    }

    /// `response` now when no separate audit event is due, else later, once it is stored.
    func audited(
        _ request: HTTPRequest, _ facts: AccessFacts, _ response: HTTPResponse, errorCode: String?,
        reason: String? = nil
    ) -> HTTPAnswer {
        guard access.records(request, facts, response) else { return .now(response) }
        return .later { [access] deliver in
            access.recordOutcome(request, facts, response, errorCode: errorCode, reason: reason) { deliver(response) }
        }
    }

    /// The DLI error response for `error`, logged when it is the server's fault.
    func failed(_ request: HTTPRequest, _ error: APIError) -> HTTPResponse {
        if error.status >= 500 {
            logger.warning(
                "request failed",
                metadata: ["request.id": "\(request.requestID)", "http.status": "\(error.status)", "dli.code": "\(error.code)"])
        }
        return error.response()
    }

    /// The DLI error for what the server refused itself (the route plays no part).
    public func respond(
        to error: HTTPServerError, method: String, path: String, requestID: String, route: RequestRoute
    ) -> HTTPResponse {
        switch error {
        case .bodyTooLarge(let limit):
            return APIError(
                status: 413, code: DLIErrorCode.parameterInvalid,
                message: "The request body is larger than the limit of \(limit) bytes.").response()
        case .urlTooLong(let limit):
            return APIError(
                status: 414, code: DLIErrorCode.parameterInvalid,
                message: "The request URL is longer than the limit of \(limit) bytes.").response()
        case .tooManyHeaders(let limit):
            return APIError(
                status: 431, code: DLIErrorCode.parameterInvalid,
                message: "The request has more than \(limit) header fields.").response()
        case .headersTooLarge(let limit):
            return APIError(
                status: 431, code: DLIErrorCode.parameterInvalid,
                message: "The request header fields are larger than the limit of \(limit) bytes.").response()
        case .ambiguousBodyLength:
            return APIError(
                status: 400, code: DLIErrorCode.parameterInvalid,
                message: "The request must give its body length once: one Content-Length header, or "
                    + "Transfer-Encoding without Content-Length.").response()
        case .shuttingDown:
            return APIError.serviceUnavailable.response()
        }
    }

    /// Takes the route `request` carries and checks what needs no credentials; `facts` then names the project.
    private func match(_ request: HTTPRequest, _ facts: inout AccessFacts) throws(APIError) -> Matched {
        let match = try DLIRoute(of: request).matched.get()
        let project = try PathParameters.projectID(match.parameters)
        // Before authentication (it changes nothing, so it needs no credentials) and before `facts` names
        // the project, so that, like a bad project id, it writes no audit event an anonymous client could flood.
        try QueryParameters.refuseRepeatedNames(request.query)
        facts = AccessFacts(template: match.template.description, project: project, parameters: match.parameters)
        return Matched(match: match, project: project)
    }

    /// Starts the endpoint of an authenticated (or unauthenticated, without an authenticator) request.
    private func dispatch(_ matched: Matched, _ request: HTTPRequest, _ facts: AccessFacts) throws(APIError)
        -> EndpointAnswer
    {
        let match = matched.match
        let project = matched.project
        let context = RequestContext(
            requestID: request.requestID, actor: facts.actor, audit: access.requestAudit(request, facts),
            expectedVersion: try IfMatchHeader.expectedVersion(request, for: match.endpoint))
        // GET, DELETE and create of a job, a job's alarms, the journal, the deleted jobs, restore and the settings wait
        // on no thread; every other endpoint blocks and is offloaded.
        let jobs = self.jobs
        let parameters = match.parameters
        switch match.endpoint {
        case .createSQLJob:
            return try jobs.createSQLJob(project, request, context)
        case .showJob:
            return jobs.showJob(project, try PathParameters.jobID(parameters))
        case .listJobAlarms:
            return try jobs.listAlarms(project, try PathParameters.jobID(parameters))
        case .deleteJob:
            return jobs.deleteJob(
                project, try PathParameters.jobID(parameters), options: try DeleteStopOptions.fromQuery(QueryParameters(request)),
                context)
        case .updateSQLJob:
            return offload { () throws(APIError) in
                try jobs.updateJob(project, try PathParameters.jobID(parameters), request, context, jar: false)
            }
        case .createJarJob:
            return offload { () throws(APIError) in try jobs.createJarJob(project, request, context) }
        case .updateJarJob:
            return offload { () throws(APIError) in
                try jobs.updateJob(project, try PathParameters.jobID(parameters), request, context, jar: true)
            }
        case .listJobs:
            return offload { () throws(APIError) in try jobs.listJobs(project, request) }
        case .runJobs:
            return offload { () throws(APIError) in try jobs.batch(.run, project, request, context) }
        case .stopJobs:
            return offload { () throws(APIError) in try jobs.batch(.stop, project, request, context) }
        case .deleteJobs:
            return offload { () throws(APIError) in try jobs.batch(.delete, project, request, context) }
        case .showExecuteGraph:
            return offload { () throws(APIError) in try jobs.executeGraph(project, try PathParameters.jobID(parameters)) }
        case .showJobMetrics:
            return offload { () throws(APIError) in try jobs.jobMetrics(project, request) }
        case .createSQLJobGraph:
            return offload { () throws(APIError) in
                try jobs.generateGraph(project, try PathParameters.jobID(parameters), request)
            }
        case .triggerSavepoint:
            return offload { () throws(APIError) in
                try jobs.triggerSavepoint(project, try PathParameters.jobID(parameters), request, context)
            }
        case .importSavepoint:
            return offload { () throws(APIError) in
                try jobs.importSavepoint(project, try PathParameters.jobID(parameters), request, context)
            }
        case .collectJobLogs:
            return offload { () throws(APIError) in
                try jobs.collectLogs(project, try PathParameters.jobID(parameters), context)
            }
        case .createTemplate:
            let templates = try templateEndpoints()
            return offload { () throws(APIError) in try templates.create(project, request, context) }
        case .updateTemplate:
            let templates = try templateEndpoints()
            return offload { () throws(APIError) in
                try templates.update(project, try PathParameters.templateID(parameters), request, context)
            }
        case .deleteTemplate:
            let templates = try templateEndpoints()
            return offload { () throws(APIError) in
                try templates.delete(project, try PathParameters.templateID(parameters), context)
            }
        case .listTemplates:
            let templates = try templateEndpoints()
            return offload { () throws(APIError) in try templates.list(project, request) }
        case .exportJobs:
            let transfers = try transferEndpoints()
            return offload { () throws(APIError) in try transfers.scoped(to: project).export(project, request, context) }
        case .importJobs:
            let transfers = try transferEndpoints()
            return offload { () throws(APIError) in
                try transfers.scoped(to: project).importJobs(project, request, context)
            }
        case .showJobJournal:
            return try jobs.journal(project, try PathParameters.jobID(parameters), request)
        case .listDeletedJobs:
            return try jobs.deletedJobs(project, request)
        case .showDeletedJob:
            return jobs.deletedJob(project, try PathParameters.jobID(parameters))
        case .restoreDeletedJob:
            return try jobs.restoreJob(project, try PathParameters.jobID(parameters), request, context)
        case .purgeDeletedJob:
            let id = try PathParameters.jobID(parameters)
            return offload { () throws(APIError) in try jobs.purgeJob(project, id, context) }
        case .showSettings:
            return jobs.showSettings(project)
        case .updateSettings:
            return try jobs.updateSettings(project, request, context)
        }
    }

    /// Work that blocks as an answer: run on ``blockingExecutor`` (503 once it is closed), or on this
    /// thread without an executor.
    private func offload(_ work: @escaping @Sendable () throws(APIError) -> HTTPResponse) -> EndpointAnswer {
        let executor = blockingExecutor
        return .later { reply in
            let run: @Sendable () -> Void = { reply(Result { () throws(APIError) -> HTTPResponse in try work() }) }
            guard let executor else { return run() }
            if !executor.submit(run) { reply(.failure(.serviceUnavailable)) }
        }
    }

    /// The export/import endpoints, or 404 when this responder was built without an object store.
    private func transferEndpoints() throws(APIError) -> TransferEndpoints {
        guard let transfers else {
            throw APIError(status: 404, code: DLIErrorCode.noMatchingResource, message: "No matching resource found.")
        }
        return transfers
    }

    /// The template endpoints, or 404 when this responder was built without a template service.
    private func templateEndpoints() throws(APIError) -> TemplateEndpoints {
        guard let templates else {
            throw APIError(status: 404, code: DLIErrorCode.noMatchingResource, message: "No matching resource found.")
        }
        return templates
    }
}
