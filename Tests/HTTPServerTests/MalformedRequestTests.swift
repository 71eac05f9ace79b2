import HTTPServer
import Testing
import TestSupport

@Suite("Long URLs and malformed requests")
struct MalformedRequestTests {
    @Test("a 10 KB URL reaches the responder intact")
    func tenKilobyteURL() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let segment = String(repeating: "a", count: 10 * 1024)
            let response = try client.send(method: "GET", target: "/long/\(segment)?q=1")
            #expect(response.status == 200)
            let request = try #require(responder.lastRequest)
            #expect(request.path == "/long/\(segment)")
            #expect(request.pathSegments.last?.decoded == segment)
        }
    }

    @Test("a URL over the memory limit gets 414 from libmicrohttpd and the server survives")
    func hugeURL() throws {
        let (logger, store) = CapturingLogHandler.logger()
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder, logger: logger) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let response = try client.send(method: "GET", target: "/" + String(repeating: "b", count: 40 * 1024))
            #expect(response.status == 414)
            #expect(responder.requests.withLock { $0.isEmpty })
            let after = try HTTPTestClient(port: server.boundPort).send(method: "GET", target: "/ok")
            #expect(after.status == 200)
        }
        // libmicrohttpd's complaint went to the logger at debug level, not to stderr.
        let mhdRecords = store.records.withLock { $0.filter { $0.message == "libmicrohttpd message" } }
        #expect(!mhdRecords.isEmpty)
        #expect(mhdRecords.allSatisfy { $0.level == .debug })
    }

    @Test("garbage and truncated requests do not hurt the server")
    func garbage() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            let garbage = try HTTPTestClient(port: server.boundPort)
            if let response = try garbage.sendRaw(Array("HELLO\r\n\r\n".utf8)) {
                #expect(response.status >= 400)
            }
            let noVersion = try HTTPTestClient(port: server.boundPort)
            if let response = try noVersion.sendRaw(Array("GET /\r\n\r\n".utf8)) {
                #expect(response.status >= 400)
            }
            // A client that sends half a body and disconnects.
            do {
                let aborting = try HTTPTestClient(port: server.boundPort)
                try aborting.write(Array("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc".utf8))
            }
            let fine = try HTTPTestClient(port: server.boundPort).send(method: "GET", target: "/still-fine")
            #expect(fine.status == 200)
            #expect(responder.requests.withLock { $0.map(\.path) } == ["/still-fine"])
        }
    }
}
