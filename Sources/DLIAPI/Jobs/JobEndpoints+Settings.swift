import HTTPServer
import JSONCodec
import JobDomain

// A project's settings and purging a deleted job now: extensions beyond DLI (openapi
// `x-streamjobs-extension`). The settings answer later, from the pipeline's completion; the purge removes
// files and runs on the blocking executor (`DLIResponder.offload`).
extension JobEndpoints {
    /// The body field of the retention period.
    static let retentionField = "deleted_job_retention_days"

    /// `GET /v1.0/{project_id}/streaming/settings`.
    func showSettings(_ project: ProjectID) -> EndpointAnswer {
        .later { [service] reply in
            service.settings(in: project) { outcome in
                reply(outcome.map { Self.settingsResponse($0, message: "Querying of the project settings succeeds.") }
                    .mapError(APIError.init))
            }
        }
    }

    /// `PUT /v1.0/{project_id}/streaming/settings` with `{"deleted_job_retention_days": N | null}` (N days,
    /// 1–3650; null keeps deleted jobs forever). The field is required: null must be said.
    func updateSettings(_ project: ProjectID, _ request: HTTPRequest, _ context: RequestContext) throws(APIError)
        -> EndpointAnswer
    {
        let body = try requestBody.object(of: request)
        guard body.object[Self.retentionField] != nil else {
            throw .invalidParameter(Self.retentionField, "is required: a number of days (1 to 3650), or null to keep deleted jobs forever")
        }
        let days = try body.int(Self.retentionField, range: ProjectSettings.retentionDays)
        let settings = ProjectSettings(deletedJobRetentionDays: days)
        return .later { [service] reply in
            service.saveSettings(settings, in: project, context: context) { outcome in
                reply(outcome.map { Self.settingsResponse($0, message: "The project settings are updated.") }
                    .mapError(APIError.init))
            }
        }
    }

    /// `DELETE /v1.0/{project_id}/streaming/deleted-jobs/{job_id}`: purges the deleted job now (its rows and
    /// its checkpoint and savepoint files; the audit trail keeps the record). Runs on the blocking executor.
    func purgeJob(_ project: ProjectID, _ id: JobID, _ context: RequestContext) throws(APIError) -> HTTPResponse {
        guard let purger else {
            throw APIError(status: 404, code: DLIErrorCode.noMatchingResource, message: "No matching resource found.")
        }
        do {
            try purger.purgeNow(id, in: project, context: context)
        } catch {
            throw APIError(error)
        }
        return .json(status: 200, body: SuccessBody.jobEnvelope(message: "The job is purged."))
    }

    static func settingsResponse(_ settings: ProjectSettings, message: String) -> HTTPResponse {
        .json(status: 200, body: SuccessBody.jobEnvelope(message: message) { w in
            w.key(retentionField)
            if let days = settings.deletedJobRetentionDays { w.int(Int64(days)) } else { w.null() }
        })
    }
}
