import HTTPServer
import JobDomain

extension JobEndpoints {
    /// `POST …/jobs/{job_id}/logs` (a StreamJobs extension): queues a collection of the job's logs into
    /// `<obs_bucket>/jobs/<job_id>/logs/<engine job id>/` of the project and answers at once; the
    /// reconciler writes the files (as it does by itself whenever a run or stop ends). Refused with 400
    /// `DLI.0007` for a job without `log_enabled` or `obs_bucket`, or one that never ran (`job_init`).
    func collectLogs(_ project: ProjectID, _ id: JobID, _ context: RequestContext) throws(APIError) -> HTTPResponse {
        let job = try awaitService { service.job(id, in: project, completion: $0) }
        guard let base = JobStateLocations.logsBase(job) else {
            throw APIError(
                status: 400, code: DLIErrorCode.operationNotSupported,
                message: "The job keeps no logs: set log_enabled to true and give an obs_bucket.")
        }
        guard job.status != .jobInit else {
            throw APIError(
                status: 400, code: DLIErrorCode.operationNotSupported, message: "The job has never run, so it has no logs.")
        }
        _ = try awaitService { service.apply(.collectLogs, to: id, in: project, context: context, completion: $0) }
        // `is_success` is the string "true", as on every job API (SuccessBody).
        let body = SuccessBody.jobEnvelope(message: "The job's logs are being collected.") { w in
            w.key("log_path"); w.string(Self.objectURL(base) + "/")
        }
        return .json(status: 200, body: body)
    }

    /// `location` with the `obs://` scheme (stored locations may be given as `bucket/key`).
    static func objectURL(_ location: String) -> String {
        location.hasPrefix("obs://") ? location : "obs://" + location
    }
}
