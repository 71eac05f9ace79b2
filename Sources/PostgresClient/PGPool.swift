import WaitRule

/// A fixed-size, blocking pool of ``PGConnection``s shared by request threads.
///
/// Connections open lazily, on checkout, so a service starts while the database is down. A lost session is
/// replaced on a later checkout, at most once per `reconnectBackoff` per slot; inside the back-off the
/// checkout fails at once with `.unavailable` instead of waiting. Statements are never retried.
///
/// `@unchecked Sendable`: every mutable field is guarded by `lock`, and a checked-out slot (with its
/// connection) is touched only by the thread that checked it out until it is checked back in under `lock`.
public final class PGPool: @unchecked Sendable {
    private let conninfo: String
    private let checkoutTimeout: Duration
    private let reconnectBackoff: Duration
    private let lock = ConditionLock()
    private let slots: [PoolSlot]
    /// Indices of the slots not checked out; guarded by `lock`.
    private var idle: [Int]
    /// Threads waiting for a slot; guarded by `lock`.
    private var waiting = 0
    /// Set by ``close()``; guarded by `lock`.
    private var isClosed = false

    /// Creates a pool; it opens no connection until the first checkout.
    /// - Parameters:
    ///   - conninfo: the libpq connection string (see ``PGConnection/init(conninfo:)``).
    ///   - size: the maximum number of connections, at least 1.
    ///   - checkoutTimeout: how long a checkout waits for a free connection before `.poolTimeout`.
    ///   - reconnectBackoff: the minimum time between two connect attempts of one slot.
    public init(
        conninfo: String, size: Int, checkoutTimeout: Duration = .seconds(2),
        reconnectBackoff: Duration = .milliseconds(250)
    ) {
        precondition(size > 0, "pool size must be at least 1")
        self.conninfo = conninfo
        self.checkoutTimeout = checkoutTimeout
        self.reconnectBackoff = reconnectBackoff
        self.slots = (0..<size).map { _ in PoolSlot() }
        self.idle = Array(0..<size)
    }

    deinit {
        for slot in slots { slot.close() }
    }

    /// Checks a connection out, runs `body` with it, and checks it back in (rolling back any transaction
    /// `body` left open).
    /// - Parameter body: the work; the connection must not escape it.
    /// - Returns: what `body` returns.
    /// - Throws: ``PGError``: `.poolTimeout` when no connection is free within the checkout timeout,
    ///   `.unavailable` when the database cannot be reached (at once inside the reconnect back-off),
    ///   `.closed` after ``close()``; otherwise whatever `body` throws.
    public func withConnection<R>(_ body: (PGConnection) throws -> R) throws -> R {
        WaitRule.mayWait("a pooled PostgreSQL connection")
        let index = try checkOut()
        defer { checkIn(index) }
        let connection = try slots[index].readyConnection(conninfo: conninfo, backoff: reconnectBackoff)
        return try body(connection)
    }

    /// The pool's size, the connections checked out, and the threads waiting for one.
    public var stats: (size: Int, inUse: Int, waiting: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (slots.count, slots.count - idle.count, waiting)
    }

    /// Closes the idle connections now and the others when they come back; later checkouts, and
    /// threads waiting for one, throw `.closed`.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        isClosed = true
        for index in idle { slots[index].close() }
        lock.broadcast()
    }

    /// Takes the best idle slot, waiting until the checkout deadline for one to come back.
    private func checkOut() throws(PGError) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if idle.isEmpty && !isClosed {
            let deadline = MonotonicTime.now() + checkoutTimeout
            waiting += 1
            defer { waiting -= 1 }
            while idle.isEmpty && !isClosed {
                if !lock.wait(until: deadline) && idle.isEmpty && !isClosed {
                    throw PGError(
                        kind: .poolTimeout, serverMessage: "no pooled connection free within \(checkoutTimeout)")
                }
            }
        }
        guard !isClosed else {
            throw PGError(kind: .closed, serverMessage: "the pool was closed")
        }
        // Prefer an open connection, then a slot allowed to connect; the most recently used first.
        let now = MonotonicTime.now()
        var best = idle.count - 1
        for position in idle.indices.reversed()
        where slots[idle[position]].rank(at: now) < slots[idle[best]].rank(at: now) {
            best = position
        }
        return idle.remove(at: best)
    }

    /// Returns a slot; closes its connection when the pool was closed meanwhile.
    private func checkIn(_ index: Int) {
        slots[index].connection?.resetAfterUse()
        lock.lock()
        defer { lock.unlock() }
        if isClosed { slots[index].close() }
        idle.append(index)
        lock.signal()
    }
}
