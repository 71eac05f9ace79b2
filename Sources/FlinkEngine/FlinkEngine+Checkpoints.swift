import JSONCodec
import JobDomain

// The latest completed checkpoint of an engine job, for resubmitting a job the cluster lost.
extension FlinkEngine {
    /// Asks Flink (`GET /jobs/{id}/checkpoints`, `latest.completed.external_path`) while it knows the
    /// job; when it answers 404 (a restarted cluster no longer knows it) or names no completed
    /// checkpoint inside the project's space, scans the job's checkpoint folder
    /// (`EngineObjects.latestCheckpoint`).
    public func latestCheckpoint(of id: EngineJobID, base: String?, project: ProjectID) throws(EngineError) -> String? {
        let response = try http.send("GET", "/jobs/\(id.rawValue)/checkpoints", timeout: timeout)
        switch response.status {
        case 200:
            if let external = (try? JSONParser.parse(response.body, maxDepth: 64))?["latest"]?["completed"]?["external_path"]?
                .stringValue
            {
                let location = store.objectLocation(ofEngine: external, project: project)
                if location != external { return location }
            }
        case 404:
            break
        default:
            throw .unavailable("checkpoint statistics answered \(response.status)")
        }
        let folder = base ?? "obs://\(EngineObjects.stateBucket)/checkpoints"
        return try store.latestCheckpoint(under: folder, of: id, project: project)
    }
}
