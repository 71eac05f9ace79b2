import JSONCodec
import JobDomain

// Savepoints: stop-with-savepoint, trigger, and their asynchronous progress.
extension FlinkEngine {
    public func stopWithSavepoint(_ id: EngineJobID, project: ProjectID, directory: String?, drain: Bool) throws(EngineError)
        -> SavepointRequestID
    {
        var w = JSONWriter()
        w.beginObject()
        w.field("targetDirectory", try savepointDirectoryURL(directory, project: project))
        w.field("drain", drain)
        w.endObject()
        return try trigger("/jobs/\(id.rawValue)/stop", body: w.bytes)
    }

    public func triggerSavepoint(_ id: EngineJobID, project: ProjectID, directory: String?) throws(EngineError)
        -> SavepointRequestID
    {
        var w = JSONWriter()
        w.beginObject()
        w.field("target-directory", try savepointDirectoryURL(directory, project: project))
        w.field("cancel-job", false)
        w.field("formatType", "CANONICAL")
        w.endObject()
        return try trigger("/jobs/\(id.rawValue)/savepoints", body: w.bytes)
    }

    public func savepointProgress(of id: EngineJobID, project: ProjectID, request: SavepointRequestID)
        throws(EngineError) -> SavepointProgress
    {
        let response = try http.send("GET", "/jobs/\(id.rawValue)/savepoints/\(request.rawValue)", timeout: timeout)
        guard response.status == 200 else {
            if response.status == 404 { throw .notFound }
            throw .protocolError("savepoint status answered \(response.status)")
        }
        guard let value = try? JSONParser.parse(response.body, maxDepth: 64), let state = value["status"]?["id"]?.stringValue
        else { throw .protocolError("savepoint status is not JSON") }
        guard state == "COMPLETED" else { return .inProgress }
        if let location = value["operation"]?["location"]?.stringValue {
            return .completed(path: store.objectLocation(ofEngine: location, project: project))
        }
        let trace = value["operation"]?["failure-cause"]?["stack-trace"]?.stringValue ?? "the savepoint failed"
        return .failed(reason: FlinkErrorText.rootCause(trace))
    }

    /// Where a savepoint goes: `directory` in the project's space, or the project's default folder.
    private func savepointDirectoryURL(_ directory: String?, project: ProjectID) throws(EngineError) -> String {
        guard let directory else { return try store.defaultDirectoryURL("savepoints", project: project) }
        return try store.directoryURL(of: directory, project: project)
    }

    private func trigger(_ path: String, body: [UInt8]) throws(EngineError) -> SavepointRequestID {
        let response = try http.send("POST", path, body: body, timeout: timeout)
        switch response.status {
        case 200..<300:
            guard let id = (try? JSONParser.parse(response.body))?["request-id"]?.stringValue else {
                throw .protocolError("no request-id")
            }
            return SavepointRequestID(id)
        case 404: throw .notFound
        case 409: throw .alreadyTerminal
        default: throw .rejected(FlinkErrorText.reason(response.body))
        }
    }
}
