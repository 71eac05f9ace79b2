import Glibc
import Testing

@testable import StreamJobsApp

@Suite struct ConfigurationFileTests {
    @Test func parsesAssignmentsCommentsQuotesAndExport() {
        let (values, problems) = ConfigurationFile.parse(
            """
            # a comment
            STREAMJOBS_HTTP_PORT=9090

            export STREAMJOBS_LOG_LEVEL="debug"
              STREAMJOBS_LOG_FORMAT='json'\r
            STREAMJOBS_DATABASE_URL=postgresql://u:p@h/db?sslmode=require
            """)
        #expect(problems.isEmpty)
        #expect(values["STREAMJOBS_HTTP_PORT"] == "9090")
        #expect(values["STREAMJOBS_LOG_LEVEL"] == "debug")
        #expect(values["STREAMJOBS_LOG_FORMAT"] == "json")
        #expect(values["STREAMJOBS_DATABASE_URL"] == "postgresql://u:p@h/db?sslmode=require")
    }

    @Test func reportsOneLinePerBadLine() {
        let (_, problems) = ConfigurationFile.parse("STREAMJOBS_A=1\nPATH=/bin\nnonsense\n")
        #expect(problems == ["line 2: expected STREAMJOBS_KEY=value", "line 3: expected STREAMJOBS_KEY=value"])
    }

    @Test func theEnvironmentWinsOverTheFile() throws {
        let path = "/tmp/streamjobs-config-test-\(UInt64.random(in: 0...UInt64.max)).env"
        try Self.write("STREAMJOBS_HTTP_PORT=9090\nSTREAMJOBS_LOG_LEVEL=debug\n", to: path)
        defer { unlink(path) }
        let merged = try ConfigurationFile.merged(into: [
            "STREAMJOBS_CONFIG_FILE": path, "STREAMJOBS_HTTP_PORT": "7070", "STREAMJOBS_LOG_LEVEL": "",
        ])
        #expect(merged["STREAMJOBS_HTTP_PORT"] == "7070")
        #expect(merged["STREAMJOBS_LOG_LEVEL"] == "debug", "an empty variable does not hide the file's value")
        #expect(throws: ConfigurationError.self) {
            try ConfigurationFile.merged(into: ["STREAMJOBS_CONFIG_FILE": "/nonexistent/streamjobs.env"])
        }
    }

    @Test func newKeysAreValidatedAndRedactedDescriptionHidesThePassword() throws {
        do {
            _ = try ServiceConfiguration.fromEnvironment([
                "STREAMJOBS_DATABASE_URL": "postgresql://u:pw@h/db", "STREAMJOBS_LOG_FORMAT": "xml", "STREAMJOBS_AUTH": "none",
                "STREAMJOBS_SHUTDOWN_GRACE_SECONDS": "-1",
            ])
            Issue.record("bad values accepted")
        } catch {
            #expect(error.problems.count == 2)
            #expect(error.problems.contains { $0.hasPrefix("STREAMJOBS_LOG_FORMAT=xml") })
            #expect(error.problems.contains { $0.hasPrefix("STREAMJOBS_SHUTDOWN_GRACE_SECONDS=-1") })
        }
        let config = try ServiceConfiguration.fromEnvironment([
            "STREAMJOBS_DATABASE_URL": "postgresql://u:pw@h/db", "STREAMJOBS_LOG_FORMAT": "json", "STREAMJOBS_AUTH": "none",
            "STREAMJOBS_SHUTDOWN_GRACE_SECONDS": "25",
        ])
        #expect(config.logFormat == "json")
        #expect(config.shutdownGraceSeconds == 25)
        #expect(!config.description.contains("pw@"))
        #expect(config.description.contains("grace=25s"))
    }

    static func write(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw TestFailure("cannot create \(path)") }
        defer { close(fd) }
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }
}
