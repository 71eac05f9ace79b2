import CMicroHTTPD
import Glibc
import Logging
import Synchronization

/// An HTTP/1.1 server over libmicrohttpd's epoll thread pool. It knows nothing of the application: every
/// complete request goes to an ``HTTPResponder`` on a worker thread, which answers it now or later
/// (``HTTPAnswer``; a later answer parks the connection without holding the thread).
///
/// Owns the `MHD_Daemon`. Call ``start()`` once and ``shutdown(gracePeriod:)`` once it is no longer
/// needed; `deinit` stops a forgotten daemon too (after a debug assertion).
public final class HTTPServer: Sendable {
    private let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let logger: Logger
    private let lifecycle = Mutex(Lifecycle.idle)
    private let port = Atomic<UInt16>(0)

    /// Where the daemon is in its life. The mutex serialises every use of the daemon handle.
    private enum Lifecycle {
        case idle
        case running(Daemon)
        case draining(Daemon)
        case stopped
    }

    /// The C handles of a started daemon.
    private struct Daemon {
        let handle: OpaquePointer
        /// Retained for MHD's callbacks; released after `MHD_stop_daemon`.
        let context: Unmanaged<ServerContext>
        /// The PEM copies libmicrohttpd reads when TLS is on; freed after `MHD_stop_daemon`.
        let tls: TLSMemory?
    }

    /// Creates a server; nothing listens until ``start()``.
    /// - Parameters:
    ///   - configuration: address, thread pool and limits.
    ///   - responder: answers requests and server-detected errors.
    ///   - logger: receives libmicrohttpd's messages at debug level and the server's own events.
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, logger: Logger) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
    }

    deinit {
        let running = lifecycle.withLock { if case .running = $0 { true } else { false } }
        assert(!running, "HTTPServer released without shutdown(gracePeriod:)")
        shutdown(gracePeriod: .zero)
    }

    /// Starts listening (`MHD_start_daemon` with `MHD_OPTION_ARRAY`), and ignores `SIGPIPE` process-wide.
    ///
    /// - Throws: ``HTTPServerStartError``: `.invalidConfiguration`, `.invalidHost`, `.alreadyStarted`, or
    ///   `.daemonStartFailed` with libmicrohttpd's reason when binding fails (port in use, address not local).
    public func start() throws(HTTPServerStartError) {
        let problems = configuration.validationErrors
        guard problems.isEmpty else { throw .invalidConfiguration(problems) }
        guard let address = SocketAddress(host: configuration.host, port: configuration.port) else {
            throw .invalidHost(configuration.host)
        }
        _ = signal(SIGPIPE, SIG_IGN)
        try lifecycle.withLock { (state: inout Lifecycle) throws(HTTPServerStartError) in
            guard case .idle = state else { throw .alreadyStarted }
            let context = ServerContext(responder: responder, logger: logger, configuration: configuration)
            let tls = configuration.tls.map(TLSMemory.init)
            // Unmanaged: +1 for MHD's callbacks, released after MHD_stop_daemon (or right away on failure).
            let retained = Unmanaged.passRetained(context)
            let handle = address.withSockAddrPointer { socketAddress in
                var options = DaemonOptions.items(
                    configuration: configuration, context: retained.toOpaque(), socketAddress: socketAddress)
                var flags = DaemonOptions.flags(ipv6: address.isIPv6)
                if let tls {
                    flags |= MHD_USE_TLS.rawValue
                    options.insert(contentsOf: DaemonOptions.tlsItems(tls), at: options.count - 1)  // before END
                }
                return options.withUnsafeMutableBufferPointer {
                    sj_mhd_start_daemon(
                        flags, configuration.port, mhdAccessHandler,
                        retained.toOpaque(), $0.baseAddress)
                }
            }
            guard let handle else {
                let reason = context.lastDaemonMessage.withLock { $0 } ?? "MHD_start_daemon failed"
                retained.release()
                throw .daemonStartFailed(host: configuration.host, port: configuration.port, reason: reason)
            }
            port.store(Self.listeningPort(of: handle), ordering: .releasing)
            context.deadlines?.start()
            state = .running(Daemon(handle: handle, context: retained, tls: tls))
        }
        logger.info(
            "HTTP server listening",
            metadata: [
                "http.host": "\(configuration.host)", "http.port": "\(boundPort)",
                "http.threads": "\(configuration.threadPoolSize)", "http.tls": "\(configuration.tls != nil)",
            ])
    }

    /// The port actually listened on after ``start()`` (the ephemeral one when configured with 0); 0 before.
    public var boundPort: UInt16 {
        port.load(ordering: .acquiring)
    }

    /// Open client connections (`MHD_DAEMON_INFO_CURRENT_CONNECTIONS`), 0 when not running.
    public var currentConnections: Int {
        lifecycle.withLock { state in
            switch state {
            case .running(let daemon), .draining(let daemon):
                max(0, Int(sj_mhd_current_connections(daemon.handle)))
            case .idle, .stopped:
                0
            }
        }
    }

    /// Stops gracefully: stops accepting (`MHD_quiesce_daemon`; new connections are refused), lets requests in
    /// flight finish (their responses carry `Connection: close`), waits until no connection is left or
    /// `gracePeriod` has passed, then `MHD_stop_daemon` closes what remains.
    ///
    /// Idempotent: a call after the first (or before ``start()``) returns at once. Blocks the calling thread.
    /// - Parameters:
    ///   - gracePeriod: the longest wait for open connections to close.
    ///   - beforeCut: runs once the grace period is over, before the requests still parked are answered
    ///     with the responder's `.shuttingDown` response: the place to drop work that has not started
    ///     (so that a request answered that way was not carried out) and to wait for work that has.
    public func shutdown(gracePeriod: Duration, beforeCut: () -> Void = {}) {
        let daemon: Daemon? = lifecycle.withLock { state in
            guard case .running(let daemon) = state else { return nil }
            state = .draining(daemon)
            return daemon
        }
        guard let daemon else { return }
        daemon.context.takeUnretainedValue().draining.store(true, ordering: .relaxed)
        // Stop intake by shutting the listening socket down (new connections are refused), not with
        // MHD_quiesce_daemon: in libmicrohttpd 0.9.75 with an epoll pool, quiesce races the workers'
        // own epoll updates of the listening socket and aborts the process ("Failed to remove listen FD
        // from epoll set"). MHD keeps owning the socket and closes it in MHD_stop_daemon.
        let listenFD = sj_mhd_listen_fd(daemon.handle)
        if listenFD >= 0 {
            _ = Glibc.shutdown(listenFD, Int32(SHUT_RDWR))
        } else {
            logger.warning("HTTP server has no listening socket to shut; stopping without draining")
        }
        // currentConnections reads under the lock: MHD sums the pool's counts into a shared field.
        let deadline = ContinuousClock.now.advanced(by: gracePeriod)
        while listenFD >= 0 && ContinuousClock.now < deadline && currentConnections > 0 {
            usleep(5_000)
        }
        beforeCut()
        // MHD_stop_daemon aborts the process on a suspended connection: answer what is still parked.
        let responder = self.responder
        let unanswered = daemon.context.takeUnretainedValue().parked.close { method, path, requestID, route in
            responder.respond(to: .shuttingDown, method: method, path: path, requestID: requestID, route: route)
        }
        if unanswered > 0 {
            logger.warning("HTTP server stopping with unanswered requests", metadata: ["http.requests_cut": "\(unanswered)"])
            // Give the workers a moment to send those answers (with `Connection: close`) before the stop cuts
            // every connection left.
            let flushDeadline = ContinuousClock.now.advanced(by: .milliseconds(200))
            while ContinuousClock.now < flushDeadline && currentConnections > 0 { usleep(5_000) }
        }
        let left = lifecycle.withLock { state in
            let left = max(0, Int(sj_mhd_current_connections(daemon.handle)))
            MHD_stop_daemon(daemon.handle)
            state = .stopped
            return left
        }
        daemon.context.takeUnretainedValue().deadlines?.stop()
        daemon.context.release()
        logger.info("HTTP server stopped", metadata: ["http.connections_cut": "\(left)"])
    }

    private static func listeningPort(of handle: OpaquePointer) -> UInt16 {
        let reported = sj_mhd_bind_port(handle)
        if reported != 0 { return reported }
        let fd = sj_mhd_listen_fd(handle)
        guard fd >= 0 else { return 0 }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { return 0 }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
        default:
            return 0
        }
    }
}
