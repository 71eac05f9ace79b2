import Foundation
import JSONCodec
import JobDomain
import ObjectStore

// A job's logs, written into its project's space: Flink's exception history, checkpoint statistics,
// the JobManager log lines naming the engine job, and the final status.
extension FlinkEngine {
    /// Names of the files a collection writes.
    enum LogFile {
        static let exceptions = "exceptions.json"
        static let checkpoints = "checkpoints.json"
        static let jobManagerLog = "jobmanager.log"
        static let status = "status.json"
    }

    /// How much of the end of each JobManager log file is searched for the job's lines.
    static let logTailBytes = 16 << 20
    /// How many of the newest JobManager log files are searched.
    static let logFilesSearched = 3

    public func collectLogs(_ request: EngineLogRequest) throws(EngineError) -> EngineLogReport {
        let id = request.engineJobID
        let project = request.job.projectID
        let folder: ObjectPath
        do {
            folder = try ObjectPath(parsing: request.folder)
        } catch {
            throw .invalidJob("\(request.folder.prefix(128)): not an obs://bucket/key location")
        }
        let space = try store.space(of: project)
        var notes: [String] = []
        var written: [String] = []
        func write(_ bytes: [UInt8], _ name: String) throws(EngineError) {
            do {
                try space.write(bytes, to: try folder.appending(name))
            } catch {
                throw .invalidJob("\(folder)/\(name) cannot be written (\(error))")
            }
            written.append(name)
        }

        // The job as Flink knows it: known, forgotten (404), or Flink out of reach.
        var detail: JSONValue?
        var reachable = true
        do throws(EngineError) {
            let response = try http.send("GET", "/jobs/\(id.rawValue)", timeout: timeout)
            switch response.status {
            case 200: detail = (try? JSONParser.parse(response.body, maxDepth: 64)) ?? .object(JSONObject())
            case 404: notes.append("the engine no longer knows engine job \(id) (its cluster lost it or expired it); only what the service knows is written")
            default: throw .unavailable("job details answered HTTP \(response.status)")
            }
        } catch {
            guard request.writeWhatIsKnown, case .unavailable(let reason) = error else { throw error }
            reachable = false
            notes.append("the engine could not be reached (\(reason)); only what the service knows is written")
        }

        if detail != nil {
            for (name, path) in [(LogFile.exceptions, "exceptions"), (LogFile.checkpoints, "checkpoints")] {
                do throws(EngineError) {
                    let response = try http.send("GET", "/jobs/\(id.rawValue)/\(path)", timeout: timeout)
                    if response.status == 200 {
                        try write(response.body, name)
                    } else {
                        notes.append("\(name) not written: the engine answered HTTP \(response.status)")
                    }
                } catch {
                    if case .invalidJob = error { throw error }
                    notes.append("\(name) not written: \(error.reason)")
                }
            }
        }

        var searched: [String] = []
        if reachable {
            let log = FlinkJobManagerLog(
                http: http, timeout: configuration.submitTimeoutSeconds, tailBytes: Self.logTailBytes,
                maxFiles: Self.logFilesSearched)
            do throws(EngineError) {
                let lines = try log.lines(naming: id, since: detail?["start-time"]?.int64Value ?? request.job.startedAtMillis)
                searched = lines.files
                notes += lines.notes
                if !lines.text.isEmpty {
                    try write(lines.text, LogFile.jobManagerLog)
                } else {
                    notes.append("\(LogFile.jobManagerLog) not written: no JobManager log line names engine job \(id)")
                }
            } catch {
                if case .invalidJob = error { throw error }
                notes.append("\(LogFile.jobManagerLog) not written: \(error.reason)")
            }
        }

        written.append(LogFile.status)
        let status = Self.statusJSON(request, detail: detail, reachable: reachable, files: written, searched: searched, notes: notes)
        written.removeLast()
        try write(status, LogFile.status)
        return EngineLogReport(files: written, engineKnewJob: detail != nil)
    }

    /// `status.json`: the job's status as the service records it, the engine job's as Flink reports it,
    /// which files this collection wrote and what it could not collect.
    static func statusJSON(
        _ request: EngineLogRequest, detail: JSONValue?, reachable: Bool, files: [String], searched: [String], notes: [String]
    ) -> [UInt8] {
        let job = request.job
        var w = JSONWriter()
        w.beginObject()
        w.field("job_id", job.id.rawValue)
        w.field("name", job.name)
        w.field("status", job.status.rawValue)
        w.field("status_desc", job.statusDescription)
        w.field("start_time", job.startedAtMillis)
        w.field("engine_job_id", request.engineJobID.rawValue)
        w.field("collected_at", Int64(Date().timeIntervalSince1970 * 1000))
        w.key("engine")
        w.beginObject()
        w.field("reachable", reachable)
        w.field("knows_job", detail != nil)
        if let detail {
            w.field("state", detail["state"]?.stringValue)
            w.field("name", detail["name"]?.stringValue)
            w.field("start_time", detail["start-time"]?.int64Value)
            w.field("end_time", detail["end-time"]?.int64Value)
            w.field("duration", detail["duration"]?.int64Value)
        }
        w.endObject()
        w.key("files")
        w.beginArray()
        for file in files { w.string(file) }
        w.endArray()
        w.key("jobmanager_log_files_searched")
        w.beginArray()
        for file in searched { w.string(file) }
        w.endArray()
        w.key("notes")
        w.beginArray()
        for note in notes { w.string(note) }
        w.endArray()
        w.endObject()
        return w.bytes
    }
}
