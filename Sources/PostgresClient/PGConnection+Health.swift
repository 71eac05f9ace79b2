import CLibPQ
import Glibc

// Checks the pool runs when it hands a connection out and takes it back.
extension PGConnection {
    /// Whether an idle session still looks alive, without a round trip: a zero-timeout `poll` on the socket.
    ///
    /// An idle session has nothing to read. When the server shut down or terminated the backend, it sent a
    /// `FATAL` message and closed the socket; letting libpq read that marks the connection broken, so the
    /// pool reconnects *before* running a statement instead of failing it.
    func isAliveWhileIdle() -> Bool {
        guard isOpen, let handle else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        for _ in 0..<4 {
            let ready = poll(&descriptor, 1, 0)
            if ready == 0 { return true }
            if ready < 0 { return errno == EINTR ? true : markBroken() }
            guard PQconsumeInput(handle) == 1 else { return markBroken() }
            // Parse what arrived: notices go to the notice processor, notifications are dropped.
            while let notification = PQnotifies(handle) { PQfreemem(notification) }
            guard PQstatus(handle) == CONNECTION_OK else { return markBroken() }
        }
        return isOpen
    }

    /// Makes a returned connection safe for the next user: rolls back a transaction block left open, and
    /// gives up a session that is in the middle of a command.
    func resetAfterUse() {
        guard isOpen, let handle else { return }
        let status = PQtransactionStatus(handle)
        if status == PQTRANS_INTRANS || status == PQTRANS_INERROR {
            rollbackIfInTransaction()
        } else if status != PQTRANS_IDLE {
            isBroken = true
        }
    }

    private func markBroken() -> Bool {
        isBroken = true
        return false
    }
}
