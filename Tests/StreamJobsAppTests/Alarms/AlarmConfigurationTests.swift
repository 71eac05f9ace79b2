import Auth
import JobDomain
import Testing

@testable import StreamJobsApp

/// `STREAMJOBS_ALARM_*`: alarms are off without a webhook; with one, a secret is required, the URL must
/// be http(s) without user info, and neither the secret nor the URL's path appears in the log line.
@Suite struct AlarmConfigurationTests {
    let base = ["STREAMJOBS_DATABASE_URL": "postgresql://u@h/db", "STREAMJOBS_MASTER_KEY": MasterKey.generate().base64]
    let secret = "0123456789abcdef-secret"

    func read(_ extra: [String: String]) -> Result<ServiceConfiguration, ConfigurationError> {
        Result { () throws(ConfigurationError) in try ServiceConfiguration.fromEnvironment(base.merging(extra) { $1 }) }
    }

    func problems(_ extra: [String: String]) -> [String] {
        if case .failure(let error) = read(extra) { return error.problems }
        return []
    }

    @Test func offWithoutAWebhook() throws {
        let config = try read([:]).get()
        #expect(config.alarms == nil && config.description.contains("alarms=off"))
        #expect(problems(["STREAMJOBS_ALARM_WEBHOOK_SECRET": secret]).contains { $0.contains("STREAMJOBS_ALARM_WEBHOOK_URL is not") })
    }

    @Test func aWebhookNeedsASecretAndAPlainHTTPURL() throws {
        let url = "https://alarms.example:8443/hook/path-token"
        #expect(problems(["STREAMJOBS_ALARM_WEBHOOK_URL": url]).contains { $0.hasPrefix("STREAMJOBS_ALARM_WEBHOOK_SECRET is not set") })
        #expect(problems(["STREAMJOBS_ALARM_WEBHOOK_URL": url, "STREAMJOBS_ALARM_WEBHOOK_SECRET": "short"]).count == 1)
        for bad in ["ftp://x/y", "https://user:pw@x/y", "not a url"] {
            let p = problems(["STREAMJOBS_ALARM_WEBHOOK_URL": bad, "STREAMJOBS_ALARM_WEBHOOK_SECRET": secret])
            #expect(p.count == 1 && !p[0].contains("pw@"), "\(bad): \(p)")
        }
        let config = try read([
            "STREAMJOBS_ALARM_WEBHOOK_URL": url, "STREAMJOBS_ALARM_WEBHOOK_SECRET": secret,
            "STREAMJOBS_ALARM_RETRY_INITIAL_MS": "500", "STREAMJOBS_ALARM_RETRY_MAX_SECONDS": "60",
            "STREAMJOBS_ALARM_MAX_ATTEMPTS": "5", "STREAMJOBS_ALARM_THREADS": "2",
        ]).get()
        let alarms = try #require(config.alarms)
        #expect(alarms.secret == Array(secret.utf8) && alarms.threads == 2 && alarms.timeoutSeconds == 10)
        #expect(alarms.retry == AlarmRetryRule(initialDelayMillis: 500, maxDelayMillis: 60_000, maxAttempts: 5))
        #expect(config.description.contains("alarms=https://alarms.example:8443"))
        #expect(!config.description.contains(secret) && !config.description.contains("path-token"))
    }
}
