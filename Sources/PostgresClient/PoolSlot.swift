/// One place in a ``PGPool``: a connection that may not exist yet, and when it may next be (re)opened.
///
/// While checked out, a slot belongs to the thread that holds it; while idle, only to the pool's lock.
final class PoolSlot {
    /// The session, opened lazily; `nil` before the first use or after a failed reconnect.
    var connection: PGConnection?
    /// The earliest time of the next connect attempt (the reconnect back-off).
    var nextAttempt = MonotonicTime(nanoseconds: 0)

    /// How good a pick this idle slot is: lower is better.
    func rank(at now: MonotonicTime) -> Int {
        if connection?.isOpen == true { return 0 }
        return now < nextAttempt ? 2 : 1
    }

    /// A usable connection: the current one if it is still alive, else a new one, at most one attempt per
    /// back-off period.
    /// - Throws: `.unavailable` at once inside the back-off, or when connecting fails.
    func readyConnection(conninfo: String, backoff: Duration) throws(PGError) -> PGConnection {
        if let connection, connection.isAliveWhileIdle() { return connection }
        connection?.close()
        connection = nil
        let now = MonotonicTime.now()
        guard nextAttempt <= now else {
            throw PGError(kind: .unavailable, serverMessage: "database unreachable; waiting before reconnecting")
        }
        nextAttempt = now + backoff
        let fresh = try PGConnection(conninfo: conninfo)
        connection = fresh
        return fresh
    }

    /// Closes the connection, if any.
    func close() {
        connection?.close()
        connection = nil
    }
}
