import HTTPServer
import Testing
import TestSupport

@Suite("Keep-alive")
struct KeepAliveTests {
    @Test("several requests share one connection and none is answered with Connection: close")
    func manyRequestsOneConnection() throws {
        let responder = RecordingResponder()
        try withServer(HTTPServerConfiguration(port: 0), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            var ids: [String] = []
            for round in 0..<5 {
                let get = try client.send(method: "GET", target: "/r/\(round)")
                let post = try client.send(
                    method: "POST", target: "/r", headers: [("Content-Type", "application/json")],
                    body: Array(#"{"round":\#(round)}"#.utf8))
                let delete = try client.send(
                    method: "DELETE", target: "/r/\(round)",
                    headers: [("Content-Type", "application/json"), ("Content-Length", "0")])
                for response in [get, post, delete] {
                    #expect(response.status == 200)
                    #expect(response.header("Connection")?.lowercased() != "close")
                    ids.append(try #require(response.header("X-Request-Id")))
                }
            }
            #expect(Set(ids).count == 15)
            #expect(server.currentConnections == 1)
            #expect(responder.requests.withLock { $0.count } == 15)
            #expect(!client.waitForClose(timeout: .milliseconds(100)))
        }
    }
}
