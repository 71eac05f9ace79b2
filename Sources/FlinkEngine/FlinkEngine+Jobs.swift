import JSONCodec
import JobDomain

// Job state, cancel and execution plan.
extension FlinkEngine {
    public func status(of id: EngineJobID) throws(EngineError) -> EngineJobStatus {
        let details: JSONValue
        do {
            details = try job(id)
        } catch .notFound {
            return try applicationStatus(id)
        }
        guard let raw = details["state"]?.stringValue, let state = EngineJobState(rawValue: raw) else {
            throw .protocolError("job state missing")
        }
        let vertices = details["vertices"]?.arrayValue ?? []
        let statuses = vertices.compactMap { $0["status"]?.stringValue }
        let allRunning =
            !statuses.isEmpty && statuses.contains("RUNNING") && statuses.allSatisfy { $0 == "RUNNING" || $0 == "FINISHED" }
        var reason: String? = nil
        if state == .failed || state == .failing || state == .restarting { reason = try? failureReason(id) }
        let shortage = state == .running && !allRunning ? slotShortage(id, details: details) : nil
        return EngineJobStatus(state: state, allTasksRunning: allRunning, failureReason: reason, slotShortage: shortage)
    }

    public func cancel(_ id: EngineJobID) throws(EngineError) {
        let response = try http.send("PATCH", "/jobs/\(id.rawValue)?mode=cancel", timeout: timeout)
        switch response.status {
        case 200..<300: return
        case 404: throw .notFound
        case 409: throw .alreadyTerminal
        default: throw .rejected(FlinkErrorText.reason(response.body))
        }
    }

    public func executionGraph(of id: EngineJobID) throws(EngineError) -> ExecutionGraphSummary {
        let d = try job(id)
        return ExecutionGraphSummary(
            engineJobID: d["jid"]?.stringValue ?? id.rawValue, name: d["name"]?.stringValue ?? "",
            isStoppable: d["isStoppable"]?.boolValue ?? false, state: d["state"]?.stringValue ?? "",
            startTimeMillis: d["start-time"]?.int64Value ?? -1, endTimeMillis: d["end-time"]?.int64Value ?? -1,
            durationMillis: d["duration"]?.int64Value ?? 0)
    }

    /// `GET /jobs/{id}`.
    func job(_ id: EngineJobID) throws(EngineError) -> JSONValue {
        let response = try http.send("GET", "/jobs/\(id.rawValue)", timeout: timeout)
        switch response.status {
        case 200:
            guard let value = try? JSONParser.parse(response.body, maxDepth: 64) else {
                throw .protocolError("job details are not JSON")
            }
            return value
        case 404: throw .notFound
        default: throw .protocolError("GET /jobs answered \(response.status)")
        }
    }

    /// The root cause of the latest failure, from `GET /jobs/{id}/exceptions`.
    func failureReason(_ id: EngineJobID) throws(EngineError) -> String? {
        let response = try http.send("GET", "/jobs/\(id.rawValue)/exceptions", timeout: timeout)
        guard response.status == 200, let value = try? JSONParser.parse(response.body, maxDepth: 64) else { return nil }
        guard let entry = value["exceptionHistory"]?["entries"]?.arrayValue?.first else { return nil }
        let traces = [entry["stacktrace"]?.stringValue] + (entry["concurrentExceptions"]?.arrayValue ?? []).map { $0["stacktrace"]?.stringValue }
        let texts = traces.compactMap { $0 }
        // Prefer a trace whose root cause is not Flink's own "recovery is suppressed" wrapper.
        let causes = texts.map(FlinkErrorText.rootCause)
        return causes.first { !$0.contains("Recovery is suppressed") && !$0.hasPrefix("org.apache.flink.runtime.JobException") }
            ?? causes.first
    }
}
