import HTTPServer
import JSONCodec
import JobDomain

extension JobEndpoints {
    /// `POST /v3/{project_id}/streaming/jobs/{job_id}/gen-graph` (dli-api.md §3.14): the plan Flink's planner
    /// makes of `sql_body` with the job's settings, without running it. `is_success` is a boolean here and
    /// `stream_graph` a string holding JSON, as the SDK's model says.
    func generateGraph(_ project: ProjectID, _ id: JobID, _ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        let graph = try StreamGraphRequest.decode(try requestBody.object(of: request))
        let notSQLJob = APIError(
            status: 400, code: DLIErrorCode.operationNotSupported, message: "gen-graph plans Flink SQL jobs; this job is a Jar job.")
        guard let streamGraph else {
            let job = try awaitService { service.job(id, in: project, completion: $0) }
            guard job.jobType.isSQL else { throw notSQLJob }
            // Like `/execute-graph` without an engine: a lasting state of this deployment, not worth a retry.
            throw APIError(
                status: 400, code: DLIErrorCode.operationNotSupported,
                message: "The job cannot be planned: this service has no engine configured.")
        }
        let outcome = try run { () throws(JobError) in
            try streamGraph.plan(of: id, in: project, sql: graph.sql, parallelism: graph.parallelism)
        }
        switch outcome {
        case .notSQLJob:
            throw notSQLJob
        case .invalidSQL(let reason):
            throw APIError(status: 400, code: DLIErrorCode.sqlSemanticError, message: "The SQL cannot be planned: \(reason)")
        case .engineRejected(let reason):
            throw APIError(status: 400, code: DLIErrorCode.serverError, message: "The engine refused to plan the job: \(reason)")
        case .engineUnavailable(let reason):
            throw Self.engineUnavailable(reason)
        case .graph(let plan):
            var w = JSONWriter(capacity: 256)
            w.beginObject()
            w.key("is_success"); w.bool(true)
            w.key("message"); w.string("The stream graph is generated.")
            w.key("error_code"); w.string("")
            w.key("stream_graph"); w.string(StreamGraphJSON.text(plan, full: graph.graphType == .jobGraph))
            w.endObject()
            return .json(status: 200, body: w.bytes)
        }
    }

    /// 503, as `/execute-graph` answers when the engine cannot be reached.
    static func engineUnavailable(_ reason: String) -> APIError {
        APIError(
            status: 503, code: DLIErrorCode.serverError, message: "The engine cannot be reached: \(reason).",
            headers: [("Retry-After", "5")])
    }
}
