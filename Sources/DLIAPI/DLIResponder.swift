import HTTPServer
import JobDomain
import Logging

/// The DLI wire API as an `HTTPResponder`: routing, validation at the edge, the service call, and
/// every error in DLI's `{error_code, error_msg}` format.
public struct DLIResponder: HTTPResponder {
    private let router = Router(DLIEndpoint.routes)
    private let jobs: JobEndpoints
    private let logger: Logger

    /// - Parameters:
    ///   - service: the job service the endpoints call.
    ///   - logger: request failures are logged here with the request id (never bodies).
    ///   - clock: epoch milliseconds now (injectable for tests).
    public init(service: JobService, logger: Logger, clock: @escaping @Sendable () -> Int64 = EpochClock.millis) {
        self.jobs = JobEndpoints(service: service, clock: clock)
        self.logger = logger
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        do {
            return try route(request)
        } catch {
            if error.status >= 500 {
                logger.warning(
                    "request failed",
                    metadata: ["request.id": "\(request.requestID)", "http.status": "\(error.status)", "dli.code": "\(error.code)"])
            }
            return error.response()
        }
    }

    public func respond(to error: HTTPServerError, method: String, path: String, requestID: String) -> HTTPResponse {
        switch error {
        case .bodyTooLarge(let limit):
            return APIError(
                status: 413, code: DLIErrorCode.parameterInvalid,
                message: "The request body is larger than the limit of \(limit) bytes.").response()
        }
    }

    private func route(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        let match = try router.match(method: request.method, path: request.pathSegments)
        let project = try PathParameters.projectID(match.parameters)
        let context = RequestContext(requestID: request.requestID, actor: "anonymous")
        switch match.endpoint {
        case .createSQLJob:
            return try jobs.createSQLJob(project, request, context)
        case .showJob:
            return try jobs.showJob(project, try PathParameters.jobID(match.parameters))
        case .deleteJob:
            return try jobs.deleteJob(project, try PathParameters.jobID(match.parameters), context)
        }
    }
}
