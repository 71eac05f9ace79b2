import HTTPServer
import JSONCodec
import JobDomain

extension JobEndpoints {
    /// `GET /v1.0/{project_id}/streaming/jobs/{job_id}/alarms`: the job's failure alarms with their
    /// delivery state, answered later when the read comes back (a pipeline read: no thread waits).
    /// - Throws: 404 when this responder has no alarm store.
    func listAlarms(_ project: ProjectID, _ id: JobID) throws(APIError) -> EndpointAnswer {
        guard let alarms else {
            throw APIError(status: 404, code: DLIErrorCode.noMatchingResource, message: "No matching resource found.")
        }
        return .later { reply in
            alarms.alarms(of: id, project: project) { outcome in
                switch outcome {
                case .success(nil):
                    reply(.failure(APIError(JobError.jobNotFound(id))))
                case .success(let list?):
                    reply(.success(.json(status: 200, body: Self.alarmsBody(list))))
                case .failure(let error):
                    reply(.failure(APIError(error)))
                }
            }
        }
    }

    /// `{"is_success":"true","message":…,"count":n,"alarms":[…]}`; times in epoch milliseconds, absent
    /// ones null.
    static func alarmsBody(_ list: [Alarm]) -> [UInt8] {
        SuccessBody.jobEnvelope(message: "The job's alarms.", capacity: 128 + 384 * list.count) { w in
            w.field("count", list.count)
            w.key("alarms")
            w.beginArray()
            for a in list {
                w.beginObject()
                w.field("alarm_id", a.id)
                w.field("job_id", a.jobID.rawValue)
                w.field("topic", a.topic)
                w.field("status", a.status.rawValue)
                w.field("reason", a.reason)
                w.field("created_at", a.createdAtMillis)
                w.field("state", a.state.rawValue)
                w.field("attempts", a.attempts)
                w.field("next_attempt_at", a.nextAttemptAtMillis)
                w.field("delivered_at", a.deliveredAtMillis)
                w.field("last_error", a.lastError)
                w.field("last_http_status", a.lastHTTPStatus)
                w.endObject()
            }
            w.endArray()
        }
    }
}
