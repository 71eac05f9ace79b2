import Glibc
import Logging
import HTTPServer
import Synchronization
import Testing
import TestSupport

/// Answers later on threads of its own: `/later/<ms>` after that many milliseconds, `/inline` from inside
/// `start`, `/twice` twice (the second must be ignored), `/never` never (the delivery is kept).
final class LaterResponder: HTTPResponder {
    let delivered = Atomic<Int>(0)
    let kept = Mutex<[@Sendable (HTTPResponse) -> Void]>([])
    let serverErrors = Mutex<[HTTPServerError]>([])

    func answer(_ request: HTTPRequest) -> HTTPAnswer {
        let path = request.path
        let body = HTTPResponse(status: 200, body: Array("answered \(path)".utf8))
        switch path {
        case "/inline":
            return .later { deliver in deliver(body) }
        case "/twice":
            return .later { deliver in
                deliver(body)
                deliver(HTTPResponse(status: 500, body: Array("second".utf8)))
            }
        case "/never":
            return .later { [self] deliver in kept.withLock { $0.append(deliver) } }
        default:
            let millis = Int(path.split(separator: "/").last ?? "0") ?? 0
            return .later { [self] deliver in
                DetachedThread.detach {
                    usleep(useconds_t(millis * 1000))
                    self.delivered.add(1, ordering: .sequentiallyConsistent)
                    deliver(body)
                }
            }
        }
    }

    func respond(
        to error: HTTPServerError, method: String, path: String, requestID: String, route: RequestRoute
    ) -> HTTPResponse {
        serverErrors.withLock { $0.append(error) }
        return HTTPResponse(status: error == .shuttingDown ? 503 : 400, body: Array("\(error)".utf8))
    }
}

/// A detached thread for a closure.
enum DetachedThread {
    static func detach(_ body: @escaping @Sendable () -> Void) {
        final class Box {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        // Retained here, released by the thread.
        let raw = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        precondition(pthread_create(&thread, nil, { raw in
            Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, raw) == 0)
        pthread_detach(thread)
    }
}

@Suite("Answers delivered later (parked connections)")
struct LaterAnswerTests {
    @Test("later answers, from other threads or inline, keep the connection alive")
    func laterAnswersOnOneKeepAliveConnection() throws {
        try withServer(testConfiguration(threads: 1), responder: LaterResponder()) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            for target in ["/later/30", "/inline", "/later/0", "/twice", "/later/5"] {
                let response = try client.send(method: "GET", target: target)
                #expect(response.status == 200)
                #expect(String(decoding: response.body, as: UTF8.self) == "answered \(target)")
                #expect(response.header("Connection")?.lowercased() != "close")
                #expect(response.header("X-Request-Id") != nil)
            }
            #expect(server.currentConnections == 1)
            #expect(!client.waitForClose(timeout: .milliseconds(100)))
        }
    }

    @Test("a parked request does not hold its worker: other connections are served meanwhile")
    func parkedRequestsLeaveTheWorkerFree() throws {
        let responder = LaterResponder()
        try withServer(testConfiguration(threads: 1), responder: responder) { server in
            let slow = try HTTPTestClient(port: server.boundPort)
            try slow.write(Array("GET /later/1500 HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
            usleep(100_000)
            for round in 0..<5 {
                let fast = try HTTPTestClient(port: server.boundPort)
                let response = try fast.send(method: "GET", target: "/inline")
                #expect(response.status == 200, "round \(round)")
            }
            #expect(responder.delivered.load(ordering: .sequentiallyConsistent) == 0, "the slow answer is still parked")
            let late = try #require(try slow.readResponse())
            #expect(late.status == 200)
            #expect(String(decoding: late.body, as: UTF8.self) == "answered /later/1500")
        }
    }

    @Test("shutdown answers what is still parked with the responder's 503, and a delivery after it is ignored")
    func shutdownAnswersParkedRequests() throws {
        let responder = LaterResponder()
        let server = HTTPServer(configuration: testConfiguration(threads: 2), responder: responder, logger: .init(label: "t") { _ in SwiftLogNoOpLogHandler() })
        try server.start()
        let client = try HTTPTestClient(port: server.boundPort)
        try client.write(Array("GET /never HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        var parked = false
        for _ in 0..<200 where !parked {
            parked = responder.kept.withLock { !$0.isEmpty }
            if !parked { usleep(5_000) }
        }
        #expect(parked)
        server.shutdown(gracePeriod: .milliseconds(200))
        #expect(responder.serverErrors.withLock { $0 } == [.shuttingDown])
        // The client sees the 503 or the connection cut, never a hang.
        if let response = try? client.readResponse() { #expect(response.status == 503) }
        for deliver in responder.kept.withLock({ $0 }) { deliver(HTTPResponse(status: 200)) }  // ignored
    }
}
