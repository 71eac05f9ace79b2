import CLibPQ
import Glibc

/// A message sent with `NOTIFY` (or `pg_notify`) on a channel this session listens on.
public struct PGNotification: Sendable, Equatable {
    /// The channel it was sent on.
    public let channel: String
    /// The payload (may be empty).
    public let payload: String
}

// LISTEN/NOTIFY on a session of its own (https://www.postgresql.org/docs/15/libpq-notify.html).
extension PGConnection {
    /// Starts listening on `channel`. Notifications are delivered after their sender's commit.
    /// - Parameter channel: a lower-case SQL identifier (`[a-z_][a-z0-9_]*`); a constant, never a value.
    /// - Throws: ``PGError`` as ``execute(unsafeSQL:)`` does.
    public func listen(_ channel: String) throws(PGError) {
        precondition(Self.isPlainIdentifier(channel), "a channel is a plain lower-case identifier")
        try execute(unsafeSQL: "LISTEN \(channel)")
    }

    /// Waits up to `timeout` for the server to send something or `wakeFD` (if any) to be readable, then
    /// returns the notifications received so far (those read during earlier statements included), possibly none.
    /// - Throws: `.unavailable` when the session is lost, `.closed` after ``close()``.
    public func awaitNotifications(timeout: Duration, wakeFD: Int32? = nil) throws(PGError) -> [PGNotification] {
        let handle = try usableHandle()
        if try waitForInput(on: handle, timeout: timeout, wakeFD: wakeFD) == .input { try consumeInput(on: handle) }
        return takeNotifications()
    }

    /// Sends an empty query and reads its answer within `timeout`, without blocking past it: proof that
    /// the session is alive and that what the server sent before (notifications included) has been read.
    /// An empty query costs the server no parse or plan and is never logged (`log_statement`).
    /// - Returns: false when `wakeFD` became readable first (nothing was learned; the query may still be
    ///   in flight, so close the session).
    /// - Throws: `.unavailable` when the session is lost or the answer does not come within `timeout`.
    public func ping(timeout: Duration, wakeFD: Int32? = nil) throws(PGError) -> Bool {
        let handle = try usableHandle()
        guard PQsendQuery(handle, "") == 1 else { throw lost(handle) }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while PQisBusy(handle) == 1 {
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                isBroken = true
                throw PGError(kind: .unavailable, serverMessage: "no answer to a ping within \(timeout)")
            }
            switch try waitForInput(on: handle, timeout: left, wakeFD: wakeFD) {
            case .input: try consumeInput(on: handle)
            case .wake: return false
            case .timeout: continue
            }
        }
        var failed = false
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) != PGRES_EMPTY_QUERY { failed = true }
            PQclear(result)
        }
        if failed { throw lost(handle) }
        return true
    }

    /// The notifications libpq has already read (during a statement or ``awaitNotifications(timeout:)``).
    public func takeNotifications() -> [PGNotification] {
        guard let handle else { return [] }
        var received: [PGNotification] = []
        while let notification = PQnotifies(handle) {
            let message = notification.pointee
            received.append(PGNotification(channel: String(cString: message.relname), payload: String(cString: message.extra)))
            PQfreemem(notification)
        }
        return received
    }

    /// What ended a wait for input.
    private enum Readiness { case input, wake, timeout }

    /// Polls the socket (and `wakeFD`) for up to `timeout`.
    private func waitForInput(on handle: OpaquePointer, timeout: Duration, wakeFD: Int32?) throws(PGError) -> Readiness {
        let millis = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        var descriptors = [pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)]
        if let wakeFD { descriptors.append(pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&descriptors, nfds_t(descriptors.count), Int32(clamping: max(0, millis)))
        if ready < 0 && errno != EINTR {
            isBroken = true
            throw PGError(kind: .unavailable, serverMessage: "poll on the session's socket failed: errno \(errno)")
        }
        if ready > 0 && descriptors[0].revents != 0 { return .input }
        return ready > 0 ? .wake : .timeout
    }

    /// Reads what the server sent into libpq's buffers (results, notifications).
    private func consumeInput(on handle: OpaquePointer) throws(PGError) {
        guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else { throw lost(handle) }
    }

    /// Marks the session broken and describes why.
    private func lost(_ handle: OpaquePointer) -> PGError {
        isBroken = true
        return PGError(kind: .unavailable, serverMessage: String(cString: PQerrorMessage(handle)))
    }

    private static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (first >= 0x61 && first <= 0x7a) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) }
            && name.utf8.count <= 63
    }
}
