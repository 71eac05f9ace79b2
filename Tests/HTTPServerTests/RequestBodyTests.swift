import HTTPServer
import Testing
import TestSupport

@Suite("Request bodies")
struct RequestBodyTests {
    private static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    }

    @Test("a Content-Length body arrives whole, across several upload callbacks")
    func contentLengthBody() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let body = Self.pattern(300_000)
            let response = try client.send(method: "POST", target: "/upload", body: body)
            #expect(response.status == 200)
            #expect(responder.lastRequest?.body == body)
        }
    }

    @Test("a chunked body arrives whole")
    func chunkedBody() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let body = Self.pattern(70_000)
            let response = try client.send(method: "PUT", target: "/upload", body: body, chunked: true, chunkSize: 3000)
            #expect(response.status == 200)
            #expect(responder.lastRequest?.body == body)
            #expect(response.header("Connection")?.lowercased() != "close")
        }
    }

    @Test("a body exactly at the limit is accepted")
    func bodyAtLimit() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(maxBodyBytes: 1000), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            #expect(try client.send(method: "POST", target: "/b", body: Self.pattern(1000)).status == 200)
            #expect(try client.send(method: "POST", target: "/b", body: Self.pattern(1000), chunked: true).status == 200)
            #expect(responder.errors.withLock { $0.isEmpty })
        }
    }

    @Test("a declared Content-Length over the limit is refused early with the responder's 413")
    func declaredTooLarge() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(maxBodyBytes: 1000), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let head = "POST /too/big?x=1 HTTP/1.1\r\nHost: x\r\nX-Request-Id: big-1\r\nContent-Length: 1001\r\n\r\n"
            let response = try #require(try client.sendRaw(Array(head.utf8)))
            #expect(response.status == 413)
            #expect(response.bodyString == #"{"error":"body over 1000 bytes"}"#)
            #expect(response.header("X-Request-Id") == "big-1")
            let errors = responder.errors.withLock { $0.map { "\($0.0) \($0.1) \($0.2) \($0.3)" } }
            #expect(errors == ["bodyTooLarge(limit: 1000) POST /too/big big-1"])
            #expect(responder.requests.withLock { $0.isEmpty })
        }
    }

    @Test("a chunked body over the limit is drained and answered with the responder's 413")
    func chunkedTooLarge() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(maxBodyBytes: 1000), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let response = try client.send(
                method: "POST", target: "/chunks", body: Self.pattern(80_000), chunked: true, chunkSize: 700)
            #expect(response.status == 413)
            #expect(response.bodyString == #"{"error":"body over 1000 bytes"}"#)
            #expect(responder.requests.withLock { $0.isEmpty })
            // The body was drained, so the connection can still serve requests.
            let next = try client.send(method: "GET", target: "/after")
            #expect(next.status == 200)
            #expect(responder.lastRequest?.path == "/after")
        }
    }

    @Test("DELETE with Content-Length: 0 and Content-Type: application/json works like no body")
    func emptyJSONDelete() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let response = try client.send(
                method: "DELETE", target: "/v1.0/p/streaming/jobs/7",
                headers: [("Content-Type", "application/json"), ("Content-Length", "0")])
            #expect(response.status == 200)
            #expect(response.header("Connection")?.lowercased() != "close")
            let request = try #require(responder.lastRequest)
            #expect(request.method == "DELETE")
            #expect(request.body.isEmpty)
            #expect(request.headers["content-length"] == "0")
        }
    }
}
