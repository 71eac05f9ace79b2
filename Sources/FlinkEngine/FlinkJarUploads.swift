import Foundation
import JSONCodec
import JobDomain
import Synchronization

/// Jars uploaded to the cluster, reused across runs: a jar is uploaded under a name made of its path,
/// size and modification time, found again in `GET /jars` (also after a StreamJobs restart, or when
/// another instance uploaded it) and uploaded only when the cluster does not have it.
final class FlinkJarUploads: Sendable {
    private let http: FlinkHTTPClient
    private let timeout: Double
    /// Upload name → Flink jar id, for this process.
    private let known = Mutex<[String: String]>([:])

    init(http: FlinkHTTPClient, timeout: Double) {
        self.http = http
        self.timeout = timeout
    }

    /// The cluster's id of the jar at `path`, uploading it when needed.
    /// - Throws: `EngineError.invalidJob` (unreadable file), `.unavailable`, `.protocolError`.
    func jarID(for path: String) throws(EngineError) -> String {
        let name = try uploadName(path)
        if let id = known.withLock({ $0[name] }) { return id }
        if let id = try listed(name) {
            known.withLock { $0[name] = id }
            return id
        }
        let id = try upload(path, as: name)
        known.withLock { $0[name] = id }
        return id
    }

    /// Forgets a jar id the cluster no longer knows (it restarted); the next run uploads again.
    func forget(_ path: String) {
        guard let name = try? uploadName(path) else { return }
        known.withLock { _ = $0.removeValue(forKey: name) }
    }

    /// `sj-<hash of path, size, mtime>-<file name>`.
    private func uploadName(_ path: String) throws(EngineError) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber
        else { throw .invalidJob("cannot read the jar \((path as NSString).lastPathComponent)") }
        let mtime = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = "\(path)|\(size)|\(mtime)"
        let hash = key.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        let file = (path as NSString).lastPathComponent
        return "sj-\(String(hash, radix: 16))-\(file.hasSuffix(".jar") ? file : file + ".jar")"
    }

    private func listed(_ name: String) throws(EngineError) -> String? {
        let response = try http.send("GET", "/jars", timeout: timeout)
        guard response.status == 200, let files = (try? JSONParser.parse(response.body))?["files"]?.arrayValue else {
            return nil
        }
        return files.first { $0["name"]?.stringValue == name }?["id"]?.stringValue
    }

    private func upload(_ path: String, as name: String) throws(EngineError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidJob("cannot read the jar \(name)")
        }
        let boundary = "streamjobs-\(UInt64.random(in: 0...UInt64.max))"
        var body = Array(
            ("--\(boundary)\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"\(name)\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").utf8)
        body += [UInt8](data)
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        let response = try http.send(
            "POST", "/jars/upload", body: body, contentType: "multipart/form-data; boundary=\(boundary)", timeout: timeout)
        guard response.status == 200, let filename = (try? JSONParser.parse(response.body))?["filename"]?.stringValue,
            let id = filename.split(separator: "/").last
        else { throw .protocolError("jar upload answered \(response.status): \(FlinkErrorText.reason(response.body))") }
        return String(id)
    }
}
