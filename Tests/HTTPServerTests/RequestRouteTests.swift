import HTTPServer
import Testing
import TestSupport

/// The responder routes each request once, from its head, and the server carries that route to the
/// answer and to every error it answers for the request.
@Suite("Request route")
struct RequestRouteTests {
    @Test("the route asked once when the headers are in is the one the request carries")
    func carriedToTheAnswer() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            #expect(try client.send(method: "POST", target: "/jobs/7?x=1", body: Array("{}".utf8)).status == 200)
            #expect(try client.send(method: "GET", target: "/").status == 200)
            let routes = responder.requests.withLock { $0.map { ($0.route.label, $0.route.match as? Int) } }
            #expect(routes.map(\.0) == ["POST /jobs", "GET /"])
            #expect(routes.map(\.1) == [1, 2])
            #expect(responder.routed.load(ordering: .sequentiallyConsistent) == 2)
        }
    }

    @Test("errors the server answers itself come with the request's route, asked once")
    func carriedToErrors() throws {
        let responder = RecordingResponder()
        responder.bodyLimits.withLock { $0 = ["small": 10] }
        try withServer(testConfiguration(), responder: responder) { server in
            let declared = try HTTPTestClient(port: server.boundPort).send(
                method: "POST", target: "/small/1", body: Array(repeating: 1, count: 11))
            #expect(declared.status == 413)
            let chunked = try HTTPTestClient(port: server.boundPort).send(
                method: "PUT", target: "/small", body: Array(repeating: 1, count: 40), chunked: true, chunkSize: 8)
            #expect(chunked.status == 413)
            #expect(responder.errorRouteLabels.withLock { $0 } == ["POST /small", "PUT /small"])
            #expect(responder.routed.load(ordering: .sequentiallyConsistent) == 2)
            #expect(responder.requests.withLock { $0.isEmpty })
        }
    }
}
