@testable import DLIAPI
import HTTPServer
import JobDomain
import Logging
import Testing

@Suite("DLI request limits")
struct RequestLimitsTests {
    private func segments(_ path: String) -> [PercentEncodedString] { HTTPRequest(method: "GET", target: path).pathSegments }

    @Test("routes carrying SQL or job definitions get the server's limit, all others the small one")
    func perRoute() {
        let limits = DLIRequestLimits(smallBodyBytes: 1000, jsonMaxDepth: 16)
        let large: [(String, String)] = [
            ("POST", "/v1.0/p/streaming/sql-jobs"), ("PUT", "/v1.0/p/streaming/sql-jobs/1"),
            ("POST", "/v1.0/p/streaming/flink-jobs"), ("PUT", "/v1.0/p/streaming/flink-jobs/1"),
            ("POST", "/v1.0/p/streaming/job-templates"), ("PUT", "/v1.0/p/streaming/job-templates/1"),
        ]
        let small: [(String, String)] = [
            ("POST", "/v1.0/p/streaming/jobs/run"), ("POST", "/v1.0/p/streaming/jobs/1/savepoint"),
            ("GET", "/v1.0/p/streaming/jobs"), ("DELETE", "/v1.0/p/streaming/jobs/1"), ("POST", "/nowhere"),
            ("GET", "/v1.0/p/streaming/sql-jobs"),
        ]
        for (method, path) in large { #expect(limits.bodyLimit(method, segments(path)) == nil, "\(method) \(path)") }
        for (method, path) in small { #expect(limits.bodyLimit(method, segments(path)) == 1000, "\(method) \(path)") }
    }

    @Test("the route of a head carries its template as label and its match; unknown routes have neither")
    func routeLabelAndMatch() {
        let route = DLIRequestLimits().route("DELETE", segments("/v1.0/p/streaming/jobs/1"))
        #expect(route.label == "/v1.0/{project_id}/streaming/jobs/{job_id}")
        #expect((route.match as? DLIRoute)?.match?.endpoint == .deleteJob)
        let unknown = DLIRequestLimits().route("PATCH", segments("/v1.0/p/streaming/jobs/1"))
        #expect(unknown.label == nil)
        #expect((unknown.match as? DLIRoute)?.match == nil)
    }

    @Test("JSON nesting is limited by the body parser, exactly at the limit, outside strings")
    func nesting() throws {
        let body = RequestBody(maxDepth: 3)
        #expect(throws: Never.self) { try body.object(of: Self.post(#"{"a":[[1]]}"#)) }
        #expect(throws: Never.self) { try RequestBody(maxDepth: 1).object(of: Self.post(#"{"a":"[[[[[[\"{{{{"}"#)) }
        #expect(throws: APIError.invalidParameter("body", "not valid JSON (nesting deeper than 3)")) {
            try body.object(of: Self.post(#"{"a":[[[1]]]}"#))
        }
    }

    @Test("the configured depth reaches the endpoints; a deeper body is 400 DLI.0001 naming the limit")
    func configuredDepth() {
        var responder = DLIRequestLimits.responder(DLIRequestLimits(jsonMaxDepth: 2))
        let deep = HTTPRequest(
            method: "POST", target: "/v1.0/p/streaming/jobs/run", headers: ["Content-Type": "application/json"],
            body: Array(#"{"job_ids":[[1]]}"#.utf8))
        let refused = responder.answer(deep).response()
        #expect(refused.status == 400)
        #expect(refused.body == APIError.invalidParameter("body", "not valid JSON (nesting deeper than 2)").response().body)
        responder.limits = DLIRequestLimits(jsonMaxDepth: 3)
        let parsed = String(decoding: responder.answer(deep).response().body, as: UTF8.self)
        #expect(!parsed.contains("nesting"), "\(parsed)")
        #expect(RequestBody(maxDepth: 100).maxDepth == RequestBody.depthCeiling)
    }

    private static func post(_ json: String) -> HTTPRequest {
        HTTPRequest(method: "POST", target: "/", headers: ["Content-Type": "application/json"], body: Array(json.utf8))
    }
}

extension DLIRequestLimits {
    /// A DLI responder with these limits.
    fileprivate static func responder(_ limits: DLIRequestLimits) -> DLIResponder {
        var responder = DLIResponder(
            service: .init(repository: NoJobs()), logger: .init(label: "t") { _ in SwiftLogNoOpLogHandler() })
        responder.limits = limits
        return responder
    }

    /// The DLI responder's route for this request head, with these limits.
    fileprivate func route(_ method: String, _ path: [PercentEncodedString]) -> RequestRoute {
        Self.responder(self).route(method: method, pathSegments: path)
    }

    /// The DLI responder's body limit for this request head, with these limits.
    fileprivate func bodyLimit(_ method: String, _ path: [PercentEncodedString]) -> Int? {
        route(method, path).maxBodyBytes
    }
}

/// A job store that is never reached here.
struct NoJobs: JobRepository {
    func insert(
        _ job: NewJob, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Job, JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
    func find(_ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<Job?, JobError>) -> Void) {
        completion(.success(nil))
    }
    func snapshot(_ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<JobSnapshot?, JobError>) -> Void) {
        completion(.success(nil))
    }
    func commit(
        _ transition: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges,
        context: RequestContext, completion: @escaping @Sendable (Result<CommitOutcome, JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
    func update(
        _ id: JobID, project: ProjectID, definition: NewJob, transition: Transition, expectedVersion: Int64,
        context: RequestContext,
        completion: @escaping @Sendable (Result<(CommitOutcome, updatedAtMillis: Int64), JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
    func list(
        _ query: JobListQuery, project: ProjectID,
        completion: @escaping @Sendable (Result<JobPage<JobSummary>, JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
    func listDetails(
        _ query: JobListQuery, project: ProjectID, completion: @escaping @Sendable (Result<JobPage<Job>, JobError>) -> Void
    ) { completion(.failure(.storeUnavailable)) }
}
