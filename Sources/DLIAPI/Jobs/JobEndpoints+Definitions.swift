import HTTPServer
import JSONCodec
import JobDomain
import Synchronization

extension JobEndpoints {
    /// `POST /v1.0/{project_id}/streaming/flink-jobs`
    func createJarJob(_ project: ProjectID, _ request: HTTPRequest, _ context: RequestContext) throws(APIError)
        -> HTTPResponse
    {
        let body = try requestBody.object(of: request)
        try alarmTopics.check(body)
        let newJob = try JobDefinitionRequests.createJar(body)
        let job = try awaitService { service.create(newJob, in: project, context: context, completion: $0) }
        return created(job)
    }

    /// `PUT …/sql-jobs/{job_id}` and `PUT …/flink-jobs/{job_id}`
    func updateJob(
        _ project: ProjectID, _ id: JobID, _ request: HTTPRequest, _ context: RequestContext, jar: Bool
    ) throws(APIError) -> HTTPResponse {
        let body = try requestBody.object(of: request)
        try alarmTopics.check(body)
        // The request is read over the current definition inside the service's retry loop (on whichever
        // thread the read completes); a request error is carried out of it unchanged.
        let requestError = Mutex<APIError?>(nil)
        let updatedAt: Int64
        do throws(JobError) {
            updatedAt = try Completion.wait { done in
                service.update(id, in: project, context: context, edit: { (job: Job) throws(JobError) -> NewJob in
                    let read = Result { () throws(APIError) -> NewJob in
                        jar
                            ? try JobDefinitionRequests.updateJar(body, current: job)
                            : try JobDefinitionRequests.updateSQL(body, current: job)
                    }
                    switch read {
                    case .success(let definition): return definition
                    case .failure(let error):
                        requestError.withLock { $0 = error }
                        throw .invalidParameter(name: "body", reason: error.message)
                    }
                }, completion: done)
            }
        } catch {
            throw requestError.withLock { $0 } ?? APIError(error)
        }
        return .json(status: 200, body: SuccessBody.jobEnvelope(message: "The job is updated successfully.") { w in
            w.key("job")
            w.beginObject()
            w.key("update_time"); w.int(updatedAt)
            w.endObject()
        })
    }

    /// The create response: `{…, "job": {job_id, status_name, status_desc}}`.
    func created(_ job: Job) -> HTTPResponse {
        .json(status: 200, body: SuccessBody.jobEnvelope(message: "A DLI job is created successfully.") { w in
            w.key("job")
            w.beginObject()
            w.key("job_id"); w.int(job.id.rawValue)
            w.key("status_name"); w.string(job.status.rawValue)
            w.key("status_desc"); w.string(job.statusDescription)
            w.endObject()
        })
    }
}
