import HTTPServer
import JobDomain

extension JobEndpoints {
    /// `POST …/jobs/{job_id}/savepoint` (dli-api.md §3.15): `{"action":"TRIGGER","savepoint_path":…}` on a
    /// running job; the engine takes the savepoint asynchronously.
    func triggerSavepoint(_ project: ProjectID, _ id: JobID, _ request: HTTPRequest, _ context: RequestContext)
        throws(APIError) -> HTTPResponse
    {
        let body = try requestBody.object(of: request)
        guard try body.requiredString("action", length: 1...16) == "TRIGGER" else {
            throw .invalidParameter("action", "must be TRIGGER")
        }
        let path = try body.requiredLocation("savepoint_path")
        _ = try awaitService {
            service.apply(
                .triggerSavepoint, to: id, in: project, changes: JobFieldChanges(engineParameters: ["savepoint_path": path]),
                context: context, completion: $0)
        }
        return .json(status: 200, body: SuccessBody.jobEnvelope(message: "The savepoint is being triggered."))
    }

    /// `POST …/jobs/{job_id}/import-savepoint`: attaches an existing savepoint to a job that is not running;
    /// the next run with `resume_savepoint` starts from it.
    func importSavepoint(_ project: ProjectID, _ id: JobID, _ request: HTTPRequest, _ context: RequestContext)
        throws(APIError) -> HTTPResponse
    {
        let body = try requestBody.object(of: request)
        guard let bodyID = try body.int64("job_id", minimum: 1) else { throw .invalidParameter("job_id", "is required") }
        guard bodyID == id.rawValue else { throw .invalidParameter("job_id", "must equal the job id in the path") }
        let path = try body.requiredLocation("savepoint_path")
        _ = try awaitService {
            service.apply(
                .importSavepoint, to: id, in: project, changes: JobFieldChanges(savepointPath: path), context: context,
                completion: $0)
        }
        return .json(status: 200, body: SuccessBody.jobEnvelope(message: "The savepoint is imported."))
    }

    /// `GET …/jobs/{job_id}/execute-graph`: the plan of the live engine job. Jobs that have not run on an
    /// engine have none, and the answer says so rather than inventing one.
    func executeGraph(_ project: ProjectID, _ id: JobID) throws(APIError) -> HTTPResponse {
        let notOnEngine = APIError(
            status: 400, code: DLIErrorCode.operationNotSupported,
            message: "The job has no execution plan: it is not running on an engine.")
        guard let executionGraph else {
            _ = try awaitService { service.job(id, in: project, completion: $0) }
            throw notOnEngine
        }
        switch try run({ () throws(JobError) in try executionGraph.executionGraph(of: id, in: project) }) {
        case .notOnEngine:
            throw notOnEngine
        case .engineUnavailable(let reason):
            throw APIError(
                status: 503, code: DLIErrorCode.serverError, message: "The engine cannot be reached: \(reason).",
                headers: [("Retry-After", "5")])
        case .graph(let g):
            return .json(status: 200, body: SuccessBody.jobEnvelope(message: "The job execution stream graph is successfully queried.") { w in
                w.key("execute_graph")
                w.beginObject()
                w.key("jid"); w.string(g.engineJobID)
                w.key("name"); w.string(g.name)
                w.key("isStoppable"); w.bool(g.isStoppable)
                w.key("state"); w.string(g.state)
                w.key("start-time"); w.int(g.startTimeMillis)
                w.key("end-time"); w.int(g.endTimeMillis)
                w.key("duration"); w.int(g.durationMillis)
                w.endObject()
            })
        }
    }
}
