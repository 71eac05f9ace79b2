import DLIAPI
import HTTPServer
import StreamJobsApp
import Testing

/// The hostile-input keys: defaults, values carried into the HTTP and DLI limits, and start-up refusals.
@Suite("Hostile-input configuration")
struct LimitConfigurationTests {
    private let base = ["STREAMJOBS_DATABASE_URL": "postgresql://u@127.0.0.1:1/x", "STREAMJOBS_AUTH": "none"]

    @Test("defaults fit libmicrohttpd's memory limit and are documented values")
    func defaults() throws {
        let configuration = try ServiceConfiguration.fromEnvironment(base)
        #expect(configuration.http.maxURLBytes == 16384)
        #expect(configuration.http.maxHeaderCount == 100)
        #expect(configuration.http.maxHeaderBytes == 24576)
        #expect(configuration.http.memoryLimitBytes == 49152)
        #expect(configuration.http.perClientConnectionLimit == 256)
        #expect(configuration.http.requestTimeoutSeconds == 60)
        #expect(configuration.http.tls == nil)
        #expect(configuration.requestLimits == DLIRequestLimits(smallBodyBytes: 65536, jsonMaxDepth: 16))
        #expect(configuration.http.validationErrors.isEmpty)
    }

    @Test("values are read; a URL + header budget over the memory limit and half a TLS pair are refused")
    func refusals() throws {
        var env = base
        env["STREAMJOBS_JSON_MAX_DEPTH"] = "8"
        env["STREAMJOBS_MAX_SMALL_BODY_BYTES"] = "4096"
        #expect(try ServiceConfiguration.fromEnvironment(env).requestLimits.jsonMaxDepth == 8)
        env["STREAMJOBS_HTTP_MAX_URL_BYTES"] = "40000"
        env["STREAMJOBS_TLS_CERT_FILE"] = "/nonexistent/cert.pem"
        env["STREAMJOBS_JSON_MAX_DEPTH"] = "65"
        do {
            _ = try ServiceConfiguration.fromEnvironment(env)
            Issue.record("accepted")
        } catch {
            let text = error.problems.joined(separator: "\n")
            #expect(text.contains("must not exceed memoryLimitBytes"))
            #expect(text.contains("STREAMJOBS_TLS_KEY_FILE is not set"))
            #expect(text.contains("STREAMJOBS_JSON_MAX_DEPTH=65"))
        }
    }
}
