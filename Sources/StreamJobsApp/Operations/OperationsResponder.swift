import HTTPServer
import Logging
import PostgresClient
import SchemaMigrations

/// The service's outermost responder: answers `/healthz`, `/readyz`, `/metrics` and `/openapi.json`
/// (no authentication, like the others; from memory) itself, passes
/// everything else to the application (the DLI API), and times and counts every request by route
/// template, method and status. The route is the application's, matched once per request
/// (``route(method:pathSegments:)``) and carried with it. Logs one debug line per request with its id
/// (never paths or bodies).
public struct OperationsResponder: HTTPResponder {
    private let application: any HTTPResponder
    private let health: HealthEndpoints
    private let metricsEndpoint: MetricsEndpoint
    private let httpMetrics: HTTPMetrics
    private let logger: Logger
    /// The OpenAPI document, read at start-up; nil: `/openapi.json` goes to the application (its 404).
    var openAPI: OpenAPIDocument? = nil
    /// Where `/readyz` and `/metrics` run: they read PostgreSQL (and `/readyz` probes the engine), which
    /// no HTTP worker may wait on; nil: on the calling thread (tests that wait for ``answer(_:)``).
    var blockingExecutor: BlockingExecutor? = nil

    /// The paths served here, which are also their route labels.
    static let healthzPath = "/healthz"
    static let readyzPath = "/readyz"
    static let metricsPath = "/metrics"
    static let openAPIPath = "/openapi.json"

    init(
        application: any HTTPResponder, observability: Observability, readiness: ReadinessCheck,
        jobGauges: JobStatusGauges, pool: PGPool, logger: Logger
    ) {
        self.application = application
        self.health = HealthEndpoints(readiness: readiness)
        self.metricsEndpoint = MetricsEndpoint(
            registry: observability.registry, factory: observability.factory, pool: pool, jobs: jobGauges)
        self.httpMetrics = HTTPMetrics(factory: observability.factory)
        self.logger = logger
    }

    /// Answers the operational paths now and passes the rest on (now or later, as the application
    /// answers); the request is timed and counted when its response exists.
    public func answer(_ request: HTTPRequest) -> HTTPAnswer {
        let started = ContinuousClock.now
        let route: String
        let answer: HTTPAnswer
        switch request.path {
        case Self.healthzPath:
            route = request.path
            answer = .now(operational(request))
        case Self.readyzPath, Self.metricsPath:
            route = request.path
            answer = offloaded(request)
        case Self.openAPIPath where openAPI != nil:
            route = request.path
            answer = .now(operational(request))
        default:
            route = RouteLabeler.route(request.route)
            answer = application.answer(request)
        }
        let method = request.method
        let requestID = request.requestID
        if case .now(let response) = answer {
            finish(route: route, method: method, status: response.status, requestID: requestID, since: started)
            return answer
        }
        return answer.map { [self] response in
            finish(route: route, method: method, status: response.status, requestID: requestID, since: started)
            return response
        }
    }

    /// The application's answer to an error the server detected, counted under the request's route.
    public func respond(
        to error: HTTPServerError, method: String, path: String, requestID: String, route: RequestRoute
    ) -> HTTPResponse {
        let started = ContinuousClock.now
        let response = application.respond(to: error, method: method, path: path, requestID: requestID, route: route)
        let route = RouteLabeler.route(route)
        finish(route: route, method: method, status: response.status, requestID: requestID, since: started)
        return response
    }

    /// The application's route, as it is: its body limit (the operational paths take no body worth more),
    /// label and match; the operational paths are labelled by their path when answered.
    public func route(method: String, pathSegments: [PercentEncodedString]) -> RequestRoute {
        application.route(method: method, pathSegments: pathSegments)
    }

    /// The operational answer computed on the blocking executor (503 once it is closed), or now without one.
    private func offloaded(_ request: HTTPRequest) -> HTTPAnswer {
        guard let executor = blockingExecutor else { return .now(operational(request)) }
        return .later { [self] deliver in
            let submitted = executor.submit { deliver(operational(request)) }
            if !submitted { deliver(HealthEndpoints.json(503) { $0.field("error_msg", "The service is shutting down.") }) }
        }
    }

    private func operational(_ request: HTTPRequest) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = HealthEndpoints.json(405) { $0.field("error_msg", "Use GET.") }
            response.headers.add(name: "Allow", value: "GET, HEAD")
            return response
        }
        switch request.path {
        case Self.healthzPath: return health.liveness()
        case Self.readyzPath: return health.readinessResponse()
        case Self.openAPIPath: return openAPI?.response() ?? HealthEndpoints.json(404) { $0.field("error_msg", "Not found.") }
        default: return metricsEndpoint.response()
        }
    }

    private func finish(route: String, method: String, status: Int, requestID: String, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let methodLabel = RouteLabeler.method(method)
        httpMetrics.record(route: route, method: methodLabel, status: status, duration: elapsed)
        logger.debug(
            "request answered",
            metadata: [
                "request.id": "\(requestID)", "http.method": "\(methodLabel)", "http.route": "\(route)",
                "http.status": "\(status)", "http.duration_ms": "\(elapsed.milliseconds)",
            ])
    }
}

extension Duration {
    /// The duration in milliseconds, to the microsecond.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds / 1_000_000_000_000) / 1000
    }
}

extension OperationsResponder {
    /// The operations responder in front of `application`, as `ServiceRuntime` wires it.
    /// - Parameters:
    ///   - application: the DLI API responder.
    ///   - configuration: the service configuration (migrations folder: the schema version `/readyz` expects;
    ///     the SQL runner jar and object root `/readyz` checks again).
    ///   - pool: the service's PostgreSQL pool.
    ///   - observability: the registry `/metrics` renders.
    ///   - engineProbe: whether the Flink engine is reachable, reported by `/readyz`; nil when there is no engine.
    ///   - logger: receives one debug line per request.
    init(
        wrapping application: any HTTPResponder, configuration: ServiceConfiguration, pool: PGPool,
        observability: Observability, engineProbe: (@Sendable () -> Bool)? = nil, logger: Logger
    ) {
        let expected = try? MigrationSet.load(directory: configuration.migrationsDirectory).latestVersion
        self.init(
            application: application, observability: observability,
            readiness: ReadinessCheck(
                pool: pool, expectedSchemaVersion: expected, engineProbe: engineProbe,
                configuration: ConfigurationProbe(configuration)),
            jobGauges: JobStatusGauges(pool: pool, factory: observability.factory), pool: pool, logger: logger)
        openAPI = configuration.openAPIDocumentPath.flatMap(OpenAPIDocument.load(path:))
        if let path = configuration.openAPIDocumentPath, openAPI == nil {
            logger.warning("OpenAPI document unreadable; /openapi.json is not served", metadata: ["path": "\(path)"])
        }
    }
}
