import Auth
import Testing

@testable import StreamJobsApp

@Suite struct AuthConfigurationTests {
    let base = ["STREAMJOBS_DATABASE_URL": "postgresql://u@h/db"]

    func problems(_ extra: [String: String]) -> [String] {
        do {
            _ = try ServiceConfiguration.fromEnvironment(base.merging(extra) { $1 })
            return []
        } catch { return error.problems }
    }

    @Test func authIsOnByDefaultAndNeedsAMasterKey() throws {
        #expect(problems([:]).contains { $0.hasPrefix("STREAMJOBS_MASTER_KEY is not set") })
        let key = MasterKey.generate()
        let config = try ServiceConfiguration.fromEnvironment(base.merging(["STREAMJOBS_MASTER_KEY": key.base64]) { $1 })
        #expect(config.auth.mode == .on && config.auth.keyring?.current.id == key.id)
        #expect(!config.description.contains(key.base64) && config.description.contains("master_key=\(key.id)"))
    }

    @Test func theCredentialCacheIsOnByDefaultAndCanBeTurnedOff() throws {
        let key = ["STREAMJOBS_MASTER_KEY": MasterKey.generate().base64]
        let on = try ServiceConfiguration.fromEnvironment(base.merging(key) { $1 })
        #expect(on.auth.cache && on.description.contains("auth_cache=on"))
        let off = try ServiceConfiguration.fromEnvironment(base.merging(key) { $1 }.merging(["STREAMJOBS_AUTH_CACHE": "off"]) { $1 })
        #expect(!off.auth.cache && off.description.contains("auth_cache=off"))
        #expect(problems(key.merging(["STREAMJOBS_AUTH_CACHE": "maybe"]) { $1 }).contains { $0.hasPrefix("STREAMJOBS_AUTH_CACHE") })
    }

    @Test func aMalformedKeyIsReportedWithoutEchoingIt() {
        let p = problems(["STREAMJOBS_MASTER_KEY": "c2VjcmV0LWJ1dC10b28tc2hvcnQ="])
        #expect(p.count == 1 && !p[0].contains("c2VjcmV0"))
    }

    @Test func authNoneOnlyOnLoopback() {
        #expect(problems(["STREAMJOBS_AUTH": "none"]).isEmpty)
        #expect(problems(["STREAMJOBS_AUTH": "none", "STREAMJOBS_HTTP_HOST": "::1"]).isEmpty)
        let p = problems(["STREAMJOBS_AUTH": "none", "STREAMJOBS_HTTP_HOST": "0.0.0.0"])
        #expect(p.count == 1 && p[0].hasPrefix("STREAMJOBS_AUTH=none: refused"))
    }

    @Test func sinceAcceptsRFC3339AndDurations() {
        #expect(CLITime.rfc3339Millis("2026-11-28T23:22:56Z") == 1_795_908_176_000)
        #expect(CLITime.rfc3339Millis("2026-11-29T00:22:56.5+01:00") == 1_795_908_176_500)
        #expect(CLITime.rfc3339Millis("yesterday") == nil)
        let now = CLITime.nowMillis()
        #expect(abs((CLITime.sinceMillis("1h") ?? 0) - (now - 3_600_000)) < 5000)
        #expect(DurationText.seconds("7d") == 604_800 && DurationText.seconds("7w") == nil)
    }
}
