import Dispatch
import Foundation
import JobDomain
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
import WaitRule
#endif

/// The end of a file the JobManager serves.
struct FlinkTail: Sendable {
    let status: Int
    /// At most the last `maxBytes` of the body.
    let bytes: [UInt8]
    /// How many bytes of the body came before `bytes` (0: the whole body).
    let skipped: Int
}

extension FlinkHTTPClient {
    /// GETs `path` and keeps only the last `maxBytes` of the answer. Flink's file handlers
    /// (`/jobmanager/logs/{name}`) serve whole files and ignore `Range`, so the body goes to a temporary
    /// file (a download task), never into memory, and only its end is read back.
    /// - Throws: `EngineError.unavailable` when the cluster cannot be reached or does not answer in time.
    func tail(_ path: String, maxBytes: Int, timeout: Double) throws(EngineError) -> FlinkTail {
        WaitRule.mayWait("a Flink REST call")
        guard let url = URL(string: base + path) else { throw .protocolError("bad URL path \(path)") }
        let request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        let outcome = Mutex<Result<FlinkTail, EngineError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = session.downloadTask(with: request) { location, response, error in
            let result: Result<FlinkTail, EngineError>
            if let error {
                result = .failure(.unavailable("GET \(path): \(Self.describe(error))"))
            } else if let http = response as? HTTPURLResponse {
                result = Self.readTail(of: location, maxBytes: maxBytes).map {
                    FlinkTail(status: http.statusCode, bytes: $0.bytes, skipped: $0.skipped)
                }
            } else {
                result = .failure(.protocolError("GET \(path): no HTTP response"))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 2) == .timedOut {
            task.cancel()
            throw .unavailable("GET \(path): no answer within \(Int(timeout)) s")
        }
        switch outcome.withLock({ $0 }) {
        case .success(let tail)?: return tail
        case .failure(let error)?: throw error
        case nil: throw .unavailable("GET \(path): no answer")
        }
    }

    /// The last `maxBytes` of the downloaded file (the session deletes it after the completion handler).
    private static func readTail(of location: URL?, maxBytes: Int) -> Result<(bytes: [UInt8], skipped: Int), EngineError> {
        guard let location else { return .success(([], 0)) }
        guard let handle = try? FileHandle(forReadingFrom: location) else {
            return .failure(.protocolError("the downloaded file cannot be opened"))
        }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return .failure(.protocolError("the downloaded file cannot be read")) }
        let skipped = size > UInt64(maxBytes) ? size - UInt64(maxBytes) : 0
        guard (try? handle.seek(toOffset: skipped)) != nil, let data = try? handle.readToEnd() else {
            return .failure(.protocolError("the downloaded file cannot be read"))
        }
        return .success(([UInt8](data), Int(skipped)))
    }
}
