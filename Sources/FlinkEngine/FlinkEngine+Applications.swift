import JSONCodec
import JobDomain

// Flink 2.3 runs a jar as an application (FLIP-549) whose id is the job id it answers: the dispatcher
// knows the application before it lists the job. A job Flink does not list is only lost when Flink
// knows no application of that id either.
extension FlinkEngine {
    /// The state of engine job `id` as its application tells it, for a job `GET /jobs/{id}` does not
    /// know: a running (or created) application has not started its job yet; an ended one ended it.
    /// - Throws: `.notFound` when Flink knows no such application either.
    func applicationStatus(_ id: EngineJobID) throws(EngineError) -> EngineJobStatus {
        let response = try http.send("GET", "/applications/\(id.rawValue)", timeout: timeout)
        switch response.status {
        case 200:
            break
        case 404:
            throw .notFound
        case 500 where String(decoding: response.body, as: UTF8.self).contains("FlinkApplicationNotFoundException"):
            throw .notFound  // Flink 2.3 answers an unknown application id with a 500 naming this exception
        default:
            throw .protocolError("GET /applications answered \(response.status)")
        }
        guard let value = try? JSONParser.parse(response.body, maxDepth: 64), let status = value["status"]?.stringValue
        else { throw .protocolError("application status missing") }
        switch status {
        case "FAILED":
            return EngineJobStatus(
                state: .failed, allTasksRunning: false,
                failureReason: applicationFailure(id) ?? "the Flink application failed before its job started")
        case "FINISHED": return EngineJobStatus(state: .finished, allTasksRunning: false)
        case "CANCELED": return EngineJobStatus(state: .canceled, allTasksRunning: false)
        case "CANCELING": return EngineJobStatus(state: .cancelling, allTasksRunning: false)
        default: return EngineJobStatus(state: .initializing, allTasksRunning: false)
        }
    }

    /// The root cause of an application's failure, from `GET /applications/{id}/exceptions`.
    private func applicationFailure(_ id: EngineJobID) -> String? {
        guard let response = try? http.send("GET", "/applications/\(id.rawValue)/exceptions", timeout: timeout),
            response.status == 200, let value = try? JSONParser.parse(response.body, maxDepth: 64)
        else { return nil }
        let entries = value["exceptionHistory"]?["entries"]?.arrayValue ?? value["entries"]?.arrayValue ?? []
        return entries.first?["stacktrace"]?.stringValue.map(FlinkErrorText.rootCause)
    }
}
