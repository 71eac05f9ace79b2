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

    @Test("JSON nesting is measured outside strings, exactly at the limit")
    func nesting() {
        #expect(!JSONNesting.exceeds(Array(#"{"a":[[1]]}"#.utf8), limit: 3))
        #expect(JSONNesting.exceeds(Array(#"{"a":[[[1]]]}"#.utf8), limit: 3))
        #expect(!JSONNesting.exceeds(Array(#"{"a":"[[[[[[\"{{{{"}"#.utf8), limit: 1))
        #expect(throws: APIError.self) { try JSONNesting.check(Array(#"[[[]]]"#.utf8), limit: 2) }
    }
}

extension DLIRequestLimits {
    /// The DLI responder's answer for this request head, with these limits.
    fileprivate func bodyLimit(_ method: String, _ path: [PercentEncodedString]) -> Int? {
        var responder = DLIResponder(
            service: .init(repository: NoJobs()), logger: .init(label: "t") { _ in SwiftLogNoOpLogHandler() })
        responder.limits = self
        return responder.maxBodyBytes(method: method, pathSegments: path)
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
