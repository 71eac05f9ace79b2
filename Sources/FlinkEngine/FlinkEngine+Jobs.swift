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
        let failing = state == .failed || state == .failing || state == .restarting
        let restarted = (details["timestamps"]?["RESTARTING"]?.int64Value ?? 0) > 0
        let history = failing || restarted ? try? failures(id) : nil
        // Every failure in the history was restarted, except one the job is failing or failed with.
        let restarts = history.map { max(0, $0.count - (state == .failed || state == .failing ? 1 : 0)) } ?? (restarted ? nil : 0)
        let shortage = state == .running && !allRunning ? slotShortage(id, details: details) : nil
        return EngineJobStatus(
            state: state, allTasksRunning: allRunning, failureReason: failing ? history?.reason : nil,
            slotShortage: shortage, restarts: restarts)
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

    /// The job's failures so far, from `GET /jobs/{id}/exceptions`: how many the exception history holds
    /// (one entry per failure, at most `web.exception-history-size`, 16 by default), and the root cause
    /// of the latest.
    func failures(_ id: EngineJobID) throws(EngineError) -> (count: Int, reason: String?)? {
        let response = try http.send("GET", "/jobs/\(id.rawValue)/exceptions", timeout: timeout)
        guard response.status == 200, let value = try? JSONParser.parse(response.body, maxDepth: 64),
            let entries = value["exceptionHistory"]?["entries"]?.arrayValue
        else { return nil }
        guard let entry = entries.first else { return (0, nil) }
        let traces = [entry["stacktrace"]?.stringValue] + (entry["concurrentExceptions"]?.arrayValue ?? []).map { $0["stacktrace"]?.stringValue }
        let texts = traces.compactMap { $0 }
        // Prefer a trace whose root cause is not Flink's own "recovery is suppressed" wrapper.
        let causes = texts.map(FlinkErrorText.rootCause)
        let reason = causes.first { !$0.contains("Recovery is suppressed") && !$0.hasPrefix("org.apache.flink.runtime.JobException") }
            ?? causes.first
        return (entries.count, reason)
    }
}
