import Foundation
import Glibc
import HTTPServer
import Logging
import Synchronization
import Testing
import TestSupport

@Suite("Server lifecycle")
struct LifecycleTests {
    private let quietLogger = Logger(label: "http-test") { _ in SwiftLogNoOpLogHandler() }

    @Test("boundPort reports the ephemeral port; currentConnections counts open connections")
    func portAndConnections() throws {
        let server = HTTPServer(
            configuration: testConfiguration(threads: 1), responder: RecordingResponder(), logger: quietLogger)
        #expect(server.boundPort == 0)
        #expect(server.currentConnections == 0)
        try server.start()
        defer { server.shutdown(gracePeriod: .seconds(1)) }
        #expect(server.boundPort != 0)
        let first = try HTTPTestClient(port: server.boundPort)
        let second = try HTTPTestClient(port: server.boundPort)
        _ = try first.send(method: "GET", target: "/")
        _ = try second.send(method: "GET", target: "/")
        #expect(server.currentConnections == 2)
    }

    @Test("start errors: twice, port in use, bad host, bad configuration")
    func startErrors() throws {
        try withServer(testConfiguration()) { server in
            #expect(throws: HTTPServerStartError.alreadyStarted) { try server.start() }

            let clash = HTTPServer(
                configuration: HTTPServerConfiguration(port: server.boundPort), responder: RecordingResponder(),
                logger: quietLogger)
            do throws(HTTPServerStartError) {
                try clash.start()
                clash.shutdown(gracePeriod: .zero)
                Issue.record("binding a port in use succeeded")
            } catch {
                guard case .daemonStartFailed(_, let port, let reason) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(port == server.boundPort)
                #expect(reason.contains("in use"), "\(reason)")
                #expect(error.description.contains("127.0.0.1:\(server.boundPort)"))
            }
        }
        let badHost = HTTPServer(
            configuration: HTTPServerConfiguration(host: "localhost", port: 0), responder: RecordingResponder(),
            logger: quietLogger)
        #expect(throws: HTTPServerStartError.invalidHost("localhost")) { try badHost.start() }

        let badConfig = HTTPServer(
            configuration: HTTPServerConfiguration(port: 0, threadPoolSize: 0, maxBodyBytes: -1),
            responder: RecordingResponder(), logger: quietLogger)
        do throws(HTTPServerStartError) {
            try badConfig.start()
            Issue.record("invalid configuration accepted")
        } catch {
            guard case .invalidConfiguration(let messages) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(messages.count == 2)
        }
    }

    @Test("IPv6 loopback works when the host is an IPv6 literal")
    func ipv6() throws {
        let responder = RecordingResponder()
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "::1", port: 0, threadPoolSize: 1), responder: responder,
            logger: quietLogger)
        do {
            try server.start()
        } catch {
            // No IPv6 loopback on this machine: nothing to test.
            return
        }
        defer { server.shutdown(gracePeriod: .seconds(1)) }
        #expect(server.boundPort != 0)
        let status = try Self.ipv6Get(port: server.boundPort)
        #expect(status.hasPrefix("HTTP/1.1 200"))
        #expect(responder.lastRequest?.clientAddress == "::1")
    }

    @Test("shutdown is idempotent and safe before start")
    func idempotentShutdown() throws {
        let never = HTTPServer(configuration: testConfiguration(), responder: RecordingResponder(), logger: quietLogger)
        never.shutdown(gracePeriod: .zero)
        let server = HTTPServer(configuration: testConfiguration(), responder: RecordingResponder(), logger: quietLogger)
        try server.start()
        let port = server.boundPort
        server.shutdown(gracePeriod: .seconds(1))
        server.shutdown(gracePeriod: .seconds(1))
        #expect(server.currentConnections == 0)
        #expect(throws: HTTPTestClientError.connectFailed(errno: ECONNREFUSED)) {
            try HTTPTestClient(port: port)
        }
        #expect(throws: HTTPServerStartError.alreadyStarted) { try server.start() }
    }

    @Test("graceful shutdown: the request in flight completes, new connections are refused meanwhile")
    func gracefulShutdown() throws {
        let responder = RecordingResponder(slowDelay: .milliseconds(1500))
        let server = HTTPServer(configuration: testConfiguration(), responder: responder, logger: quietLogger)
        try server.start()
        let port = server.boundPort

        let inFlight = Mutex<Result<HTTPTestResponse, any Error>?>(nil)
        let slowClient = Thread {
            let result = Result { try HTTPTestClient(port: port).send(method: "GET", target: "/slow") }
            inFlight.withLock { $0 = result }
        }
        slowClient.start()
        try Self.waitUntil { responder.slowStarted.load(ordering: .sequentiallyConsistent) == 1 }

        let shutdownDone = Atomic<Bool>(false)
        let stopper = Thread {
            server.shutdown(gracePeriod: .seconds(10))
            shutdownDone.store(true, ordering: .sequentiallyConsistent)
        }
        stopper.start()

        // Once quiesced, connecting is refused while the slow request is still being answered.
        var refusedWhileInFlight = false
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            do {
                _ = try HTTPTestClient(port: port)
                usleep(2_000)
            } catch HTTPTestClientError.connectFailed(let error) where error == ECONNREFUSED || error == ECONNRESET {
                // A connect that races the listening socket's shutdown (it sits in the kernel's accept
                // queue when the socket is shut) is reset instead of refused: either way it is not served.
                refusedWhileInFlight = responder.slowFinished.load(ordering: .sequentiallyConsistent) == 0
                break
            }
        }
        #expect(refusedWhileInFlight)

        try Self.waitUntil(timeout: .seconds(15)) { shutdownDone.load(ordering: .sequentiallyConsistent) }
        // The response was sent before shutdown returned, but the client thread may still be reading it.
        try Self.waitUntil { inFlight.withLock { $0 != nil } }
        let response = try #require(try inFlight.withLock { $0 }?.get())
        #expect(response.status == 200)
        #expect(response.body.count == 100_000)
        #expect(response.header("Connection")?.lowercased() == "close")
        #expect(server.currentConnections == 0)
    }

    @Test("an idle keep-alive connection does not hold shutdown past the grace period")
    func idleConnectionBoundedByGrace() throws {
        let server = HTTPServer(configuration: testConfiguration(), responder: RecordingResponder(), logger: quietLogger)
        try server.start()
        let client = try HTTPTestClient(port: server.boundPort)
        _ = try client.send(method: "GET", target: "/")
        let started = ContinuousClock.now
        server.shutdown(gracePeriod: .milliseconds(300))
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(300))
        #expect(elapsed < .seconds(5))
        #expect(client.waitForClose(timeout: .seconds(2)))
    }

    /// Polls `condition` every 5 ms until it holds; throws after `timeout`.
    static func waitUntil(timeout: Duration = .seconds(5), _ condition: () -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { throw HTTPTestClientError.timeout }
            usleep(5_000)
        }
    }

    /// A minimal GET over IPv6 loopback (HTTPTestClient speaks IPv4 only); returns the status line.
    static func ipv6Get(port: UInt16) throws -> String {
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = port.bigEndian
        _ = inet_pton(AF_INET6, "::1", &address.sin6_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
            }
        }
        guard connected == 0 else { throw HTTPTestClientError.connectFailed(errno: errno) }
        let request = Array("GET /v6 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : ""
    }
}
