import HTTPServer
import Testing
import TestSupport

@Suite("Live requests over loopback")
struct LiveRequestTests {
    @Test("a GET reaches the responder with its raw target, method, headers and client address")
    func basicGet() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            #expect(server.boundPort != 0)
            let client = try HTTPTestClient(port: server.boundPort)
            let response = try client.send(
                method: "GET", target: "/v1.0/p/jobs?limit=10&name=a+b", headers: [("X-Custom-Thing", "Value 1")])
            #expect(response.status == 200)
            #expect(response.bodyString == "hello GET")
            #expect(response.header("content-length") == "9")
            let request = try #require(responder.lastRequest)
            #expect(request.method == "GET")
            #expect(request.target == "/v1.0/p/jobs?limit=10&name=a+b")
            #expect(request.path == "/v1.0/p/jobs")
            #expect(request.pathSegments.map(\.decoded) == ["v1.0", "p", "jobs"])
            #expect(request.query.map(\.value.decoded) == ["10", "a b"])
            #expect(request.headers["x-custom-thing"] == "Value 1")
            #expect(request.headers["HOST"] == "127.0.0.1")
            #expect(request.body.isEmpty)
            #expect(request.clientAddress == "127.0.0.1")
        }
    }

    @Test("libmicrohttpd does not unescape: %2F stays in its segment, %00 does not truncate")
    func noUnescaping() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            _ = try client.send(method: "GET", target: "/v1.0/abc%2Fdef/jobs/2%00junk?k=%2F%00&bad=%zz")
            let request = try #require(responder.lastRequest)
            #expect(request.target == "/v1.0/abc%2Fdef/jobs/2%00junk?k=%2F%00&bad=%zz")
            #expect(request.path == "/v1.0/abc%2Fdef/jobs/2%00junk")
            #expect(request.pathSegments.map(\.decoded) == ["v1.0", "abc/def", "jobs", "2\u{0}junk"])
            #expect(request.pathSegments.map(\.raw) == ["v1.0", "abc%2Fdef", "jobs", "2%00junk"])
            #expect(request.query.map(\.value.decoded) == ["/\u{0}", nil])

            _ = try client.send(method: "GET", target: "/a//b/%zz/%4")
            let second = try #require(responder.lastRequest)
            #expect(second.pathSegments.map(\.decoded) == ["a", "", "b", nil, nil])
        }
    }

    @Test("methods are passed exactly as sent")
    func methodsAsSent() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            for method in ["delete", "PURGE", "DELETE", "PaTcH"] {
                let response = try client.send(method: method, target: "/m")
                #expect(response.status == 200)
                #expect(responder.lastRequest?.method == method)
            }
        }
    }

    @Test("X-Request-Id: a valid client id is kept, an invalid one replaced, a missing one generated")
    func requestIDs() throws {
        let responder = RecordingResponder()
        try withServer(testConfiguration(), responder: responder) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let kept = try client.send(method: "GET", target: "/", headers: [("x-request-id", "client.id:42-A_b")])
            #expect(kept.header("X-Request-Id") == "client.id:42-A_b")
            #expect(responder.lastRequest?.requestID == "client.id:42-A_b")

            let replaced = try client.send(method: "GET", target: "/", headers: [("X-Request-Id", "bad id/")])
            let generated = try #require(replaced.header("X-Request-Id"))
            #expect(generated != "bad id/")
            #expect(generated.utf8.count == 32)
            #expect(generated.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
            #expect(responder.lastRequest?.requestID == generated)

            let fresh = try client.send(method: "GET", target: "/")
            #expect(fresh.headerValues("X-Request-Id").count == 1)
            #expect(fresh.header("X-Request-Id") != generated)
        }
    }

    @Test("the responder's headers are sent; its X-Request-Id is not duplicated")
    func responderHeaders() throws {
        try withServer(testConfiguration()) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let response = try client.send(method: "GET", target: "/headers")
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("X-Custom") == "yes")
            #expect(response.headerValues("X-Request-Id") == ["mine"])
            #expect(response.header("Content-Length") == "11")
            #expect(response.bodyString == #"{"ok":true}"#)
        }
    }

    @Test("header values with CR/LF and a responder Content-Length are dropped; an empty body has Content-Length 0")
    func unsafeHeaders() throws {
        try withServer(testConfiguration()) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let response = try client.send(method: "GET", target: "/bad-headers")
            #expect(response.status == 200)
            #expect(response.header("X-Injected") == nil)
            #expect(response.header("Set-Cookie") == nil)
            #expect(response.headerValues("Content-Length") == ["3"])
            #expect(response.header("X-Fine") == "1")
            #expect(response.bodyString == "abc")

            let empty = try client.send(method: "GET", target: "/empty")
            #expect(empty.status == 200)
            #expect(empty.header("Content-Length") == "0")
            #expect(empty.header("X-Request-Id") != nil)
        }
    }

    @Test("HEAD gets headers with Content-Length but no body, and the connection stays usable")
    func head() throws {
        try withServer(testConfiguration()) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let head = try client.send(method: "HEAD", target: "/h")
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "10")
            #expect(head.body.isEmpty)
            let get = try client.send(method: "GET", target: "/h")
            #expect(get.bodyString == "hello GET")
        }
    }
}
