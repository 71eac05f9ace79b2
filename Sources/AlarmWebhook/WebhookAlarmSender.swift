import Dispatch
import Foundation
import JobDomain
import Synchronization
import WaitRule

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Delivers alarms by POSTing ``AlarmPayload`` to one webhook over FoundationNetworking's `URLSession`
/// (as `FlinkHTTPClient` talks to Flink), signed with ``AlarmSignature``. Each call waits, bounded by
/// `timeout`, on a semaphore: only the alarm dispatcher's own threads call it.
public final class WebhookAlarmSender: AlarmSender {
    private let url: URL
    private let secret: [UInt8]
    private let timeout: Double
    private let session: URLSession
    private let clock: @Sendable () -> Int64

    /// - Parameters:
    ///   - url: the receiver (`STREAMJOBS_ALARM_WEBHOOK_URL`).
    ///   - secret: the HMAC key (`STREAMJOBS_ALARM_WEBHOOK_SECRET`).
    ///   - timeout: seconds an attempt may take.
    ///   - clock: unix seconds now, for `X-StreamJobs-Timestamp`.
    public init(
        url: URL, secret: [UInt8], timeout: Double,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    ) {
        self.url = url
        self.secret = secret
        self.timeout = timeout
        self.clock = clock
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 4
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ alarm: Alarm) -> AlarmSendOutcome {
        WaitRule.mayWait("an alarm delivery")
        let body = AlarmPayload.body(alarm)
        let timestamp = clock()
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(String(timestamp), forHTTPHeaderField: AlarmSignature.timestampHeader)
        request.setValue(
            AlarmSignature.sign(secret: secret, timestamp: timestamp, body: body),
            forHTTPHeaderField: AlarmSignature.signatureHeader)
        request.setValue(String(alarm.id), forHTTPHeaderField: "X-StreamJobs-Alarm-Id")
        let outcome = Mutex<AlarmSendOutcome?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { _, response, error in
            let result: AlarmSendOutcome
            if let error {
                result = .failed(reason: Self.describe(error), httpStatus: nil)
            } else if let http = response as? HTTPURLResponse {
                result =
                    (200..<300).contains(http.statusCode)
                    ? .delivered(httpStatus: http.statusCode)
                    : .failed(reason: "the receiver answered HTTP \(http.statusCode)", httpStatus: http.statusCode)
            } else {
                result = .failed(reason: "no HTTP response", httpStatus: nil)
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 2) == .timedOut {
            task.cancel()
            return .failed(reason: "no answer within \(Int(timeout)) s", httpStatus: nil)
        }
        return outcome.withLock { $0 } ?? .failed(reason: "no answer", httpStatus: nil)
    }

    /// A short reason without the URL (it may carry credentials in its user info or query).
    private static func describe(_ error: any Error) -> String {
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
