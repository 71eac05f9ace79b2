import HTTPServer
import JSONCodec
import JobDomain

/// The job endpoints: decode and validate, call the service, encode DLI's response.
struct JobEndpoints: Sendable {
    let service: JobService
    let clock: @Sendable () -> Int64
    /// The engine's view of live jobs, when an engine is configured.
    var executionGraph: ExecutionGraphQuery? = nil
    /// Plans SQL on the engine (`/gen-graph`), when an engine is configured.
    var streamGraph: StreamGraphQuery? = nil
    /// Reads jobs' counters from the engine (`/jobs/metrics`), when an engine is configured.
    var jobMetrics: JobMetricsQuery? = nil
    /// How request bodies are parsed (their JSON depth limit).
    var requestBody = RequestBody(maxDepth: DLIRequestLimits().jsonMaxDepth)
    /// Refuses `smn_topic` when no alarm receiver is configured.
    var alarmTopics = AlarmTopicCheck()
    /// Jobs' failure alarms and their delivery state (`GET …/jobs/{job_id}/alarms`), when there is a store.
    var alarms: AlarmLog? = nil
    /// Signs and checks the page cursors of the journal and the deleted jobs.
    var cursors = PageCursor(key: .random())
    /// Purges deleted jobs on request; nil: `DELETE …/deleted-jobs/{job_id}` answers 404.
    var purger: JobPurger? = nil

    /// `POST /v1.0/{project_id}/streaming/sql-jobs`: the body is checked now, the insert answers later.
    func createSQLJob(_ project: ProjectID, _ request: HTTPRequest, _ context: RequestContext) throws(APIError)
        -> EndpointAnswer
    {
        let body = try requestBody.object(of: request)
        try alarmTopics.check(body)
        let newJob = try CreateSQLJobRequest.decode(body)
        return .later { [self] reply in
            service.create(newJob, in: project, context: context) { outcome in
                reply(outcome.map(created).mapError(APIError.init))
            }
        }
    }

    /// `GET /v1.0/{project_id}/streaming/jobs/{job_id}`: answered later, when the read comes back (it
    /// joins the other requests' reads in a database pipeline when the repository has one).
    func showJob(_ project: ProjectID, _ id: JobID) -> EndpointAnswer {
        .later { [service, clock] reply in
            service.job(id, in: project) { outcome in
                switch outcome {
                case .success(let job):
                    let now = clock()
                    var response = HTTPResponse.json(status: 200, body: SuccessBody.jobEnvelope(message: "Job detail query succeeds.", capacity: 1536) { w in
                        w.key("job_detail")
                        JobJSON.write(job, now: now, to: &w)
                    })
                    response.headers.add(name: "ETag", value: IfMatchHeader.etag(job.version))
                    reply(.success(response))
                case .failure(let error):
                    reply(.failure(APIError(error)))
                }
            }
        }
    }

    /// `DELETE /v1.0/{project_id}/streaming/jobs/{job_id}`: any state; idempotent. Answers later.
    func deleteJob(_ project: ProjectID, _ id: JobID, options: StopOptions, _ context: RequestContext) -> EndpointAnswer {
        .later { [service] reply in
            service.delete(id, in: project, options: options, context: context) { outcome in
                reply(
                    outcome.map { deleted in
                        let message: String
                        switch deleted {
                        case .deleted: message = "The job is successfully deleted."
                        case .alreadyDeleted: message = "The job was already deleted."
                        }
                        return .json(status: 200, body: SuccessBody.jobEnvelope(message: message))
                    }.mapError(APIError.init))
            }
        }
    }

    func run<T>(_ body: () throws(JobError) -> T) throws(APIError) -> T {
        do {
            return try body()
        } catch {
            throw APIError(error)
        }
    }
}
