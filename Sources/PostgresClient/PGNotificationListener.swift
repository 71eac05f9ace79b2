import Glibc
import Synchronization

/// Keeps one PostgreSQL session listening on a channel, on a thread of its own, and reports to a
/// handler what arrives and how far it can be trusted. The session's `application_name` is
/// `<executable> listen <channel>` unless the connection string names one.
///
/// The session is pinged every `heartbeat`: a completed ping proves that every notification committed
/// before it was sent has been read (PostgreSQL delivers pending notifications before it answers a
/// query), which the handler learns as ``Event/confirmed(since:)``. A lost session is reported, then
/// reopened after `reconnectBackoff`; notifications sent while it was down are lost, so the handler must
/// treat ``Event/lost(_:)`` … ``Event/listening`` as "anything may have changed". Call ``close()`` when
/// done: the thread keeps the listener alive.
public final class PGNotificationListener: Sendable {
    /// What the listener reports, in order, on its own thread.
    public enum Event: Sendable {
        /// The session listens (again); anything sent before may have been missed.
        case listening
        /// Notifications arrived, in the order they were committed.
        case notified([PGNotification])
        /// Every notification committed before this instant has been reported.
        case confirmed(since: ContinuousClock.Instant)
        /// The session was lost or could not be opened: notifications may be missed until ``listening``.
        case lost(PGError)
    }

    private struct Settings: Sendable {
        let conninfo: String
        let channel: String
        let heartbeat: Duration
        let reconnectBackoff: Duration
    }

    private let settings: Settings
    private let handler: @Sendable (Event) -> Void
    private let closed = Atomic<Bool>(false)
    /// A pipe that wakes the thread on ``close()``: read end polled by the thread, write end written.
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let thread = Mutex<pthread_t?>(nil)

    /// Starts the thread; the session opens at once (in the background).
    /// - Parameters:
    ///   - conninfo: the libpq connection string (see ``PGConnection/init(conninfo:)``).
    ///   - channel: the channel, a plain lower-case identifier.
    ///   - heartbeat: how often the session is pinged (and a ping's longest wait for its answer).
    ///   - reconnectBackoff: the wait between two attempts to open the session.
    ///   - handler: receives the events, one at a time, on the listener's thread; must not block for long.
    public init(
        conninfo: String, channel: String, heartbeat: Duration = .milliseconds(500),
        reconnectBackoff: Duration = .milliseconds(250), handler: @escaping @Sendable (Event) -> Void
    ) {
        settings = Settings(conninfo: conninfo, channel: channel, heartbeat: heartbeat, reconnectBackoff: reconnectBackoff)
        self.handler = handler
        var fds: [Int32] = [-1, -1]
        precondition(pipe(&fds) == 0, "pipe failed: errno \(errno)")
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)  // close() never blocks on a full pipe
        for end in fds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        start()
    }

    deinit {
        Glibc.close(wakeRead)
        Glibc.close(wakeWrite)
    }

    /// Stops the thread and ends the session. Idempotent.
    public func close() {
        closed.store(true, ordering: .sequentiallyConsistent)
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        if let handle = thread.withLock({ state in defer { state = nil }; return state }) {
            pthread_join(handle, nil)
        }
    }

    private var isClosed: Bool { closed.load(ordering: .sequentiallyConsistent) }

    /// The thread's loop: open and listen, then wait for notifications and ping, until closed.
    private func run() {
        var session: PGConnection?
        defer { session?.close() }
        while !isClosed {
            guard let connection = session ?? open() else {
                pause(settings.reconnectBackoff)
                continue
            }
            session = connection
            do {
                try serve(connection)
            } catch {
                connection.close()
                session = nil
                if !isClosed { handler(.lost(error)) }
            }
        }
    }

    /// Opens a session and starts listening, or reports why it could not.
    private func open() -> PGConnection? {
        let connection: PGConnection
        do {
            connection = try PGConnection(
                conninfo: settings.conninfo, applicationName: "\(ConnectionParameters.processName) listen \(settings.channel)")
        } catch {
            handler(.lost(error))
            return nil
        }
        do {
            try connection.listen(settings.channel)
        } catch {
            connection.close()
            handler(.lost(error))
            return nil
        }
        handler(.listening)
        return connection
    }

    /// Pings, reports, then waits for notifications until the next ping is due; returns when closed.
    private func serve(_ connection: PGConnection) throws(PGError) {
        while !isClosed {
            let sent = ContinuousClock.now
            guard try connection.ping(timeout: settings.heartbeat, wakeFD: wakeRead) else { return }
            report(connection.takeNotifications())
            handler(.confirmed(since: sent))
            let next = sent.advanced(by: settings.heartbeat)
            while !isClosed, case let left = next - ContinuousClock.now, left > .zero {
                report(try connection.awaitNotifications(timeout: left, wakeFD: wakeRead))
            }
        }
    }

    private func report(_ notifications: [PGNotification]) {
        if !notifications.isEmpty { handler(.notified(notifications)) }
    }

    /// Sleeps for `duration` unless closed first.
    private func pause(_ duration: Duration) {
        let millis = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        var descriptor = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, Int32(clamping: millis))
    }

    private func start() {
        // Unmanaged: +1 held by the thread until its loop ends (after close()).
        let retained = Unmanaged.passRetained(self).toOpaque()
        let body: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { raw in
            let listener = Unmanaged<PGNotificationListener>.fromOpaque(raw!).takeRetainedValue()
            listener.run()
            return nil
        }
        var handle = pthread_t()
        guard pthread_create(&handle, nil, body, retained) == 0 else {
            Unmanaged<PGNotificationListener>.fromOpaque(retained).release()
            preconditionFailure("pthread_create failed: errno \(errno)")
        }
        thread.withLock { $0 = handle }
    }
}
