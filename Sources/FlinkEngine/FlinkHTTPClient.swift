import Dispatch
import Foundation
import JobDomain
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
import WaitRule
#endif

/// One answer of the JobManager REST API.
struct FlinkResponse: Sendable {
    let status: Int
    let body: [UInt8]
}

/// A blocking HTTP client for the JobManager REST API over FoundationNetworking's `URLSession` (it ships
/// with the toolchain, so there is no C library target or apt package to add, and it gives per-request
/// timeouts). Each call waits on a semaphore for the session's completion handler; every call is bounded.
final class FlinkHTTPClient: Sendable {
    let base: String
    let session: URLSession

    init(base: String) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 8
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Sends one request and waits for its answer at most `timeout` seconds.
    /// - Throws: `EngineError.unavailable` when the cluster cannot be reached or does not answer in time.
    func send(
        _ method: String, _ path: String, body: [UInt8]? = nil, contentType: String = "application/json",
        timeout: Double
    ) throws(EngineError) -> FlinkResponse {
        WaitRule.mayWait("a Flink REST call")
        guard let url = URL(string: base + path) else { throw .protocolError("bad URL path \(path)") }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body)
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let outcome = Mutex<Result<FlinkResponse, EngineError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            let result: Result<FlinkResponse, EngineError>
            if let error {
                result = .failure(.unavailable("\(method) \(path): \(Self.describe(error))"))
            } else if let http = response as? HTTPURLResponse {
                result = .success(FlinkResponse(status: http.statusCode, body: data.map { [UInt8]($0) } ?? []))
            } else {
                result = .failure(.protocolError("\(method) \(path): no HTTP response"))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 2) == .timedOut {
            task.cancel()
            throw .unavailable("\(method) \(path): no answer within \(Int(timeout)) s")
        }
        switch outcome.withLock({ $0 }) {
        case .success(let response)?: return response
        case .failure(let error)?: throw error
        case nil: throw .unavailable("\(method) \(path): no answer")
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? URLError else { return "request failed" }
        switch error.code {
        case .timedOut: return "timed out"
        case .cannotConnectToHost: return "connection refused"
        case .networkConnectionLost: return "connection lost"
        case .cannotFindHost: return "unknown host"
        default: return "network error \(error.code.rawValue)"
        }
    }
}
