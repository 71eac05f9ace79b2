import HTTPServer
import Testing
import TestSupport

/// A request head that gives its body length more than once is answered 400 at once and the connection
/// closed; libmicrohttpd alone would go by the first `Content-Length` (or by `Transfer-Encoding`) and
/// either wait for body bytes that never come or read the rest of the body as a next request.
@Suite("Ambiguous body length")
struct BodyFramingTests {
    @Test(
        "several Content-Length fields, or Content-Length with Transfer-Encoding, get 400 and a closed connection",
        arguments: [
            // The body matches the second field: the old server waited for 45 more bytes until the timeout.
            ["Content-Length: 50", "Content-Length: 5"],
            // The body matches the first field: the old server answered 200 and ignored the second.
            ["Content-Length: 5", "Content-Length: 50"],
            // Equal values (RFC 9110 would allow them): refused too, the strict choice.
            ["Content-Length: 5", "content-length: 5"],
            // Chunked with a Content-Length: the old server let Transfer-Encoding win and kept the connection.
            ["Content-Length: 10", "Transfer-Encoding: chunked"],
            // Codings this server does not decode: the old server waited for an unframed body until the timeout.
            ["Transfer-Encoding: gzip"], ["Transfer-Encoding: gzip, chunked"], ["Transfer-Encoding: identity"],
            ["Transfer-Encoding: gzip", "Transfer-Encoding: chunked"], ["Transfer-Encoding: chunked", "Transfer-Encoding: chunked"],
        ])
    func refused(framing: [String]) throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            // The read timeout, not the server's 30 s connection timeout, ends a test that would hang.
            let client = try HTTPTestClient(port: server.boundPort, timeout: .seconds(5))
            let body = framing.contains { $0.hasPrefix("Transfer-Encoding") } ? "5\r\nhello\r\n0\r\n\r\n" : "hello"
            let head = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\n" + framing.map { $0 + "\r\n" }.joined() + "\r\n"
            let response = try #require(try client.sendRaw(Array((head + body).utf8), method: "POST"))
            #expect(response.status == 400)
            #expect(response.header("Connection")?.lowercased() == "close")
            #expect(client.waitForClose(timeout: .seconds(5)))
            #expect(responder.requests.withLock { $0.isEmpty })
            #expect(responder.errors.withLock { $0.map { "\($0.0)" } } == ["ambiguousBodyLength"])
            // The server is fine afterwards.
            let after = try HTTPTestClient(port: server.boundPort, timeout: .seconds(5)).send(method: "GET", target: "/ok")
            #expect(after.status == 200)
        }
    }

    @Test("one Content-Length, or chunked alone, still works on a kept-alive connection")
    func singleFraming() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort, timeout: .seconds(5))
            let plain = try client.send(method: "POST", target: "/a", body: Array("hello".utf8))
            #expect(plain.status == 200)
            let chunked = try client.send(method: "POST", target: "/b", body: Array("hello".utf8), chunked: true, chunkSize: 2)
            #expect(chunked.status == 200)
            #expect(responder.requests.withLock { $0.map { String(decoding: $0.body, as: UTF8.self) } } == ["hello", "hello"])
        }
    }
}
