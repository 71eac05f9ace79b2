import CMicroHTTPD
import Glibc
import Logging
import Synchronization

/// Whole-request deadlines: a client must deliver each complete request (request line, headers and body)
/// within `timeout`, counted from the accept or from the end of the previous request on the connection.
/// A slow-loris client that trickles one byte every few seconds is cut off when it runs out.
///
/// libmicrohttpd 0.9.75 has no such limit: `MHD_OPTION_CONNECTION_TIMEOUT` and the per-connection
/// `MHD_set_connection_option(MHD_CONNECTION_OPTION_TIMEOUT)` are both *inactivity* timeouts, reset by every
/// byte received, and the access handler is not called before the headers are complete. So a watchdog
/// thread sweeps the open connections (registered through `MHD_OPTION_NOTIFY_CONNECTION`) a few times a
/// second and `shutdown(2)`s the socket of each one past its deadline; libmicrohttpd then sees the end of
/// the stream and closes the connection itself, freeing everything through its usual callbacks. The
/// socket is only touched under the registry's lock, and libmicrohttpd reports a connection closed
/// (which takes the same lock) before it closes the descriptor, so a reused descriptor is never hit.
final class RequestDeadlines: Sendable {
    private struct Entry {
        let fd: Int32
        /// `nil` while a received request is being answered (no deadline then).
        var deadline: ContinuousClock.Instant?
    }

    let timeout: Duration
    private let logger: Logger
    private let entries = Mutex<[UInt: Entry]>([:])
    private let nextID = Atomic<UInt>(1)
    private let stopping = Atomic<Bool>(false)
    /// Connections cut so far.
    let cutCount = Atomic<Int>(0)
    private let thread = Mutex<pthread_t?>(nil)

    init(timeout: Duration, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    /// Registers a new connection; the returned id goes into its socket context.
    func opened(fd: Int32) -> UInt {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        let deadline = ContinuousClock.now.advanced(by: timeout)
        entries.withLock { $0[id] = Entry(fd: fd, deadline: deadline) }
        return id
    }

    /// Forgets a connection libmicrohttpd is closing.
    func closed(id: UInt) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }

    /// The request is complete: no deadline while it is answered.
    func requestReceived(id: UInt) {
        entries.withLock { $0[id]?.deadline = nil }
    }

    /// The response went out: the next request on this connection gets a fresh deadline.
    func requestFinished(id: UInt) {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        entries.withLock { $0[id]?.deadline = deadline }
    }

    /// Shuts down the socket of every connection past its deadline; returns how many.
    @discardableResult
    func sweep(now: ContinuousClock.Instant = .now) -> Int {
        let cut = entries.withLock { entries in
            var cut = 0
            for (id, entry) in entries {
                guard let deadline = entry.deadline, deadline <= now else { continue }
                _ = Glibc.shutdown(entry.fd, Int32(SHUT_RDWR))
                entries[id]?.deadline = nil  // once is enough; libmicrohttpd closes it next
                cut += 1
            }
            return cut
        }
        if cut > 0 {
            cutCount.add(cut, ordering: .relaxed)
            logger.info("request timeout: connections cut", metadata: ["http.connections_cut": "\(cut)"])
        }
        return cut
    }

    /// Starts the watchdog thread (sweeps every 250 ms).
    func start() {
        // Unmanaged: +1 held by the thread, released when its loop ends (after stop()).
        let retained = Unmanaged.passRetained(self).toOpaque()
        var handle = pthread_t()
        let body: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { raw in
            let deadlines = Unmanaged<RequestDeadlines>.fromOpaque(raw!).takeRetainedValue()
            while !deadlines.stopping.load(ordering: .relaxed) {
                deadlines.sweep()
                usleep(250_000)
            }
            return nil
        }
        guard pthread_create(&handle, nil, body, retained) == 0 else {
            Unmanaged<RequestDeadlines>.fromOpaque(retained).release()
            logger.error("cannot start the request-timeout watchdog; request timeouts are off")
            return
        }
        thread.withLock { $0 = handle }
    }

    /// Stops the watchdog thread and waits for it.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        if let handle = thread.withLock({ state in defer { state = nil }; return state }) {
            pthread_join(handle, nil)
        }
    }
}

/// `MHD_OPTION_NOTIFY_CONNECTION`: registers each connection with the context's ``RequestDeadlines``
/// (its id becomes the socket context) and forgets it when libmicrohttpd closes it.
func mhdConnectionNotify(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ socketContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ code: MHD_ConnectionNotificationCode
) {
    guard let cls, let connection, let socketContext else { return }
    // Unmanaged: the context is retained by HTTPServer until after MHD_stop_daemon, so it outlives this call.
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    guard let deadlines = context.deadlines else { return }
    switch code {
    case .CONNECTION_NOTIFY_STARTED:
        let fd = sj_mhd_connection_fd(connection)
        guard fd >= 0 else { return }
        socketContext.pointee = UnsafeMutableRawPointer(bitPattern: deadlines.opened(fd: fd))
    case .CONNECTION_NOTIFY_CLOSED:
        if let raw = socketContext.pointee { deadlines.closed(id: UInt(bitPattern: raw)) }
        socketContext.pointee = nil
    }
}

extension ServerContext {
    /// The deadline registry id of `connection`, if request timeouts are on.
    func deadlineID(of connection: OpaquePointer) -> UInt? {
        guard deadlines != nil, let raw = sj_mhd_socket_context(connection) else { return nil }
        return UInt(bitPattern: raw)
    }

    /// Marks the request on `connection` complete (no deadline while it is answered).
    func requestReceived(on connection: OpaquePointer) {
        if let id = deadlineID(of: connection) { deadlines?.requestReceived(id: id) }
    }

    /// Gives the next request on `connection` a fresh deadline.
    func requestFinished(on connection: OpaquePointer) {
        if let id = deadlineID(of: connection) { deadlines?.requestFinished(id: id) }
    }
}
