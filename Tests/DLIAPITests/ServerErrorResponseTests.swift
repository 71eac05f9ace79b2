import DLIAPI
import HTTPServer
import JSONCodec
import Logging
import Testing

/// Errors the HTTP server detects itself reach clients in DLI's format.
@Suite("Server-detected errors in DLI format")
struct ServerErrorResponseTests {
    @Test("a body length given more than once is 400 DLI.0001 naming Content-Length")
    func ambiguousBodyLength() throws {
        let responder = DLIResponder(
            service: .init(repository: NoJobs()), logger: .init(label: "t") { _ in SwiftLogNoOpLogHandler() })
        let response = responder.respond(
            to: .ambiguousBodyLength, method: "POST", path: "/v1.0/p1/streaming/jobs/run", requestID: "r1",
            route: RequestRoute())
        #expect(response.status == 400)
        let body = try JSONParser.parse(response.body, maxDepth: 4)
        #expect(body["error_code"]?.stringValue == "DLI.0001")
        #expect(body["error_msg"]?.stringValue?.contains("Content-Length") == true)
    }
}
