import Glibc
import HTTPServer
import Testing
import TestSupport

/// Each hostile-input limit over real loopback sockets: what is just inside passes, what is just outside
/// is cut off the documented way.
@Suite("Hostile-input limits")
struct HostileInputLimitTests {
    private static func configuration(_ adjust: (inout HTTPServerConfiguration) -> Void) -> HTTPServerConfiguration {
        var configuration = testConfiguration()
        adjust(&configuration)
        return configuration
    }

    @Test("a URL over maxURLBytes but under the memory limit gets the responder's 414; one at the limit passes")
    func urlLength() throws {
        let responder = RecordingResponder()
        try withServer(Self.configuration { $0.maxURLBytes = 2000 }, responder: responder) { server in
            let atLimit = "/" + String(repeating: "a", count: 1995) + "?q=1"
            #expect(atLimit.utf8.count == 2000)
            #expect(try HTTPTestClient(port: server.boundPort).send(method: "GET", target: atLimit).status == 200)
            let client = try HTTPTestClient(port: server.boundPort)
            let response = try client.send(method: "GET", target: atLimit + "2")
            #expect(response.status == 414)
            #expect(response.bodyString == #"{"error":"url over 2000 bytes"}"#)
            #expect(responder.requests.withLock { $0.count } == 1)
            #expect(client.waitForClose(timeout: .seconds(2)))
        }
    }

    @Test("more than maxHeaderCount header fields get the responder's 431")
    func headerCount() throws {
        let responder = RecordingResponder()
        try withServer(Self.configuration { $0.maxHeaderCount = 10 }, responder: responder) { server in
            // HTTPTestClient adds Host: nine more make ten.
            let nine = (1...9).map { ("X-H\($0)", "v") }
            #expect(try HTTPTestClient(port: server.boundPort).send(method: "GET", target: "/", headers: nine).status == 200)
            let response = try HTTPTestClient(port: server.boundPort).send(
                method: "GET", target: "/", headers: nine + [("X-H10", "v")])
            #expect(response.status == 431)
            #expect(response.bodyString == #"{"error":"over 10 headers"}"#)
            #expect(responder.requests.withLock { $0.count } == 1)
        }
    }

    @Test("header fields larger than maxHeaderBytes get the responder's 431")
    func headerBytes() throws {
        let responder = RecordingResponder()
        try withServer(Self.configuration { $0.maxHeaderBytes = 1000 }, responder: responder) { server in
            let small = [("X-Big", String(repeating: "x", count: 900))]
            #expect(try HTTPTestClient(port: server.boundPort).send(method: "GET", target: "/", headers: small).status == 200)
            let big = [("X-Big", String(repeating: "x", count: 1000))]
            let response = try HTTPTestClient(port: server.boundPort).send(method: "GET", target: "/", headers: big)
            #expect(response.status == 431)
            #expect(response.bodyString == #"{"error":"headers over 1000 bytes"}"#)
        }
    }

    @Test("the responder's per-route body limit applies before the body is read, capped by the server's")
    func perRouteBodyLimit() throws {
        let responder = RecordingResponder()
        responder.bodyLimits.withLock { $0 = ["small": 100, "huge": 1_000_000] }
        try withServer(testConfiguration(maxBodyBytes: 5000), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            #expect(try client.send(method: "POST", target: "/small", body: Array(repeating: 1, count: 100)).status == 200)
            #expect(try client.send(method: "POST", target: "/other", body: Array(repeating: 1, count: 5000)).status == 200)
            let declared = try HTTPTestClient(port: server.boundPort).send(
                method: "POST", target: "/small/x", body: Array(repeating: 1, count: 101))
            #expect(declared.status == 413)
            #expect(declared.bodyString == #"{"error":"body over 100 bytes"}"#)
            let chunked = try HTTPTestClient(port: server.boundPort).send(
                method: "POST", target: "/small", body: Array(repeating: 1, count: 300), chunked: true, chunkSize: 50)
            #expect(chunked.bodyString == #"{"error":"body over 100 bytes"}"#)
            let capped = try HTTPTestClient(port: server.boundPort).send(
                method: "POST", target: "/huge", body: Array(repeating: 1, count: 5001))
            #expect(capped.bodyString == #"{"error":"body over 5000 bytes"}"#)
        }
    }

    @Test("a client address over perClientConnectionLimit is refused; freeing one lets it in again")
    func perClientConnections() throws {
        try withServer(Self.configuration { $0.perClientConnectionLimit = 2 }) { server in
            var first: HTTPTestClient? = try HTTPTestClient(port: server.boundPort)
            let second = try HTTPTestClient(port: server.boundPort)
            #expect(try first?.send(method: "GET", target: "/1").status == 200)
            #expect(try second.send(method: "GET", target: "/2").status == 200)
            let third = try HTTPTestClient(port: server.boundPort)  // the kernel accepts; libmicrohttpd closes it
            #expect(third.waitForClose(timeout: .seconds(3)))
            #expect(try first?.send(method: "GET", target: "/1-again").status == 200)
            first = nil  // closes the socket
            try waitUntil { server.currentConnections <= 1 }
            #expect(try HTTPTestClient(port: server.boundPort).send(method: "GET", target: "/4").status == 200)
            withExtendedLifetime(second) {}
        }
    }

    @Test("beyond the total connectionLimit libmicrohttpd stops accepting: new connections wait until one closes")
    func totalConnections() throws {
        var configuration = testConfiguration(threads: 1)
        configuration.connectionLimit = 3
        try withServer(configuration) { server in
            var open = try (0..<3).map { _ in try HTTPTestClient(port: server.boundPort) }
            for client in open { #expect(try client.send(method: "GET", target: "/").status == 200) }
            // The kernel completes the handshake (backlog), but nobody reads the request.
            let waiting = try HTTPTestClient(port: server.boundPort, timeout: .seconds(5))
            try waiting.write(Array("GET /waiting HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(!waiting.waitForClose(timeout: .seconds(1)))  // no answer, no close
            #expect(server.currentConnections == 3)
            open.removeFirst()  // frees a slot
            let response = try waiting.readResponse()
            #expect(response?.status == 200)
        }
    }

    @Test("an idle connection is closed after connectionTimeoutSeconds")
    func idleTimeout() throws {
        let configuration = Self.configuration { $0.connectionTimeoutSeconds = 1 }
        try withServer(configuration) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            #expect(try client.send(method: "GET", target: "/").status == 200)
            let started = ContinuousClock.now
            #expect(client.waitForClose(timeout: .seconds(4)))
            #expect(ContinuousClock.now - started >= .milliseconds(900))
        }
    }

    @Test("a slow-loris head, one byte every 200 ms, is cut off by requestTimeoutSeconds")
    func slowLorisHead() throws {
        let configuration = Self.configuration { $0.requestTimeoutSeconds = 1 }
        let responder = RecordingResponder()
        try withServer(configuration, responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let started = ContinuousClock.now
            let bytes = Array("GET /loris HTTP/1.1\r\nHost: x\r\nX-Pad: \(String(repeating: "p", count: 100))\r\n\r\n".utf8)
            var cut = false
            for byte in bytes {
                if (try? client.write([byte])) == nil || client.waitForClose(timeout: .milliseconds(200)) {
                    cut = true
                    break
                }
            }
            let elapsed = ContinuousClock.now - started
            #expect(cut)
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(5))
            #expect(responder.requests.withLock { $0.isEmpty })
            // The server still serves others.
            #expect(try HTTPTestClient(port: server.boundPort).send(method: "GET", target: "/fine").status == 200)
        }
    }

    @Test("a slow body is cut off too, but a slow handler and quick keep-alive requests are not")
    func slowBodyAndSlowHandler() throws {
        let configuration = Self.configuration { $0.requestTimeoutSeconds = 1 }
        let responder = RecordingResponder(slowDelay: .milliseconds(1600))
        try withServer(configuration, responder: responder) { server in
            let slowBody = try HTTPTestClient(port: server.boundPort)
            try slowBody.write(Array("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n".utf8))
            var cut = false
            for _ in 0..<50 {
                if (try? slowBody.write([UInt8(ascii: "a")])) == nil || slowBody.waitForClose(timeout: .milliseconds(150)) {
                    cut = true
                    break
                }
            }
            #expect(cut)
            // The handler takes 1.6 s, longer than the request timeout: the answer still arrives.
            let client = try HTTPTestClient(port: server.boundPort)
            #expect(try client.send(method: "GET", target: "/slow").status == 200)
            // Each request on a keep-alive connection gets its own deadline.
            for i in 0..<4 {
                #expect(try client.send(method: "GET", target: "/k\(i)").status == 200)
                usleep(400_000)
            }
        }
    }
}

/// Polls `condition` every 20 ms for up to 5 s.
private func waitUntil(_ condition: () -> Bool) throws {
    let deadline = ContinuousClock.now.advanced(by: .seconds(5))
    while !condition() {
        guard ContinuousClock.now < deadline else { throw HTTPTestClientError.timeout }
        usleep(20_000)
    }
}
