import Foundation
import JobDomain

/// Failure alarms (README, "Alarms"): where they are delivered and how failed deliveries are retried.
/// Alarms are on only with `STREAMJOBS_ALARM_WEBHOOK_URL`; then `STREAMJOBS_ALARM_WEBHOOK_SECRET` is
/// required (every delivery is signed with it).
public struct AlarmConfiguration: Sendable, CustomStringConvertible {
    /// The receiver (http or https).
    public var webhookURL: URL
    /// The HMAC-SHA256 key of the `X-StreamJobs-Signature` header. Secret.
    public var secret: [UInt8]
    /// Seconds one delivery attempt may take.
    public var timeoutSeconds: Int = 10
    /// The back-off rule of failed deliveries.
    public var retry = AlarmRetryRule()
    /// Dispatcher threads per instance.
    public var threads: Int = 1

    public init(webhookURL: URL, secret: [UInt8]) {
        self.webhookURL = webhookURL
        self.secret = secret
    }

    /// Reads the `STREAMJOBS_ALARM_*` keys; nil when no webhook is configured.
    static func read(_ env: inout EnvironmentReader) -> AlarmConfiguration? {
        let timeout = env.int("STREAMJOBS_ALARM_TIMEOUT_SECONDS", default: 10, range: 1...120)
        let initial = env.int("STREAMJOBS_ALARM_RETRY_INITIAL_MS", default: 1000, range: 10...600_000)
        let maxDelay = env.int("STREAMJOBS_ALARM_RETRY_MAX_SECONDS", default: 300, range: 1...86_400)
        let attempts = env.int("STREAMJOBS_ALARM_MAX_ATTEMPTS", default: 20, range: 1...1000)
        let threads = env.int("STREAMJOBS_ALARM_THREADS", default: 1, range: 1...16)
        guard let text = env.raw("STREAMJOBS_ALARM_WEBHOOK_URL") else {
            if env.raw("STREAMJOBS_ALARM_WEBHOOK_SECRET") != nil {
                env.report("STREAMJOBS_ALARM_WEBHOOK_SECRET is set but STREAMJOBS_ALARM_WEBHOOK_URL is not")
            }
            return nil
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil, url.user == nil, url.password == nil
        else {
            // The value may hold credentials: not echoed.
            env.report("STREAMJOBS_ALARM_WEBHOOK_URL: must be an http:// or https:// URL without user info (value not shown)")
            return nil
        }
        guard let secret = env.raw("STREAMJOBS_ALARM_WEBHOOK_SECRET") else {
            env.report(
                "STREAMJOBS_ALARM_WEBHOOK_SECRET is not set: alarm deliveries are signed with it (at least 16 bytes, "
                    + "e.g. `openssl rand -hex 32`)")
            return nil
        }
        guard secret.utf8.count >= 16 else {
            env.report("STREAMJOBS_ALARM_WEBHOOK_SECRET: must be at least 16 bytes (value not shown)")
            return nil
        }
        var configuration = AlarmConfiguration(webhookURL: url, secret: Array(secret.utf8))
        configuration.timeoutSeconds = timeout
        configuration.retry = AlarmRetryRule(
            initialDelayMillis: Int64(initial), maxDelayMillis: Int64(maxDelay) * 1000, maxAttempts: attempts)
        configuration.threads = threads
        return configuration
    }

    /// For the start-up log line: the receiver's scheme, host and port, never its path or the secret.
    public var description: String {
        "alarms=\(webhookURL.scheme ?? "")://\(webhookURL.host ?? "")\(webhookURL.port.map { ":\($0)" } ?? "") "
            + "threads=\(threads) timeout=\(timeoutSeconds)s retry=\(retry.initialDelayMillis)ms..\(retry.maxDelayMillis / 1000)s"
            + " max_attempts=\(retry.maxAttempts)"
    }
}
