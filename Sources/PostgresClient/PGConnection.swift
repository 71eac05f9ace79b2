import CLibPQ

/// One PostgreSQL session over libpq, used by one thread at a time.
///
/// The connection owns its `PGconn` and frees it in ``close()``; `deinit` frees a forgotten one too, after
/// a debug assertion. Statements are prepared lazily and cached per session (see ``PGStatement``). After a
/// connection-level failure the connection is *broken*: ``isOpen`` turns false and every call throws
/// ``PGError/Kind-swift.enum/unavailable``; open a new one (``PGPool`` does this by itself).
/// See <https://www.postgresql.org/docs/15/libpq-connect.html>.
public final class PGConnection {
    /// The `PGconn *`; `nil` once closed. This object is its only owner (`PQfinish`).
    var handle: OpaquePointer?
    /// The statements prepared on this session: name to SQL.
    var preparedStatements: [String: String] = [:]
    /// Set once the session is lost; the handle is then kept only to be finished by `close()`.
    var isBroken = false

    /// Connects, blocking until the session is ready or the connect timeout passes.
    ///
    /// Adds `connect_timeout=2` when the connection string (URI or `key=value` form) and `PGCONNECT_TIMEOUT`
    /// set none, and uses `applicationName` (default: the executable's name) as `application_name` when
    /// none is given.
    /// - Parameters:
    ///   - conninfo: a libpq connection string, for example `postgresql://user@host:5432/db`.
    ///   - applicationName: what the session is called in `pg_stat_activity` and the server's logs, unless
    ///     the connection string or `PGAPPNAME` says otherwise.
    /// - Throws: ``PGError`` of kind `.unavailable` when the server cannot be reached or refuses the session
    ///   (its ``PGError/serverMessage`` has libpq's reason).
    public init(conninfo: String, applicationName: String? = nil) throws(PGError) {
        guard !conninfo.utf8.contains(0) else {
            throw PGError(kind: .unavailable, serverMessage: "the connection string contains a NUL byte")
        }
        guard let connection = ConnectionParameters.connect(conninfo: conninfo, applicationName: applicationName) else {
            throw PGError(kind: .unavailable, serverMessage: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            throw PGError(kind: .unavailable, serverMessage: message)
        }
        // Notices (for example "there is no transaction in progress") would go to stderr; drop them.
        _ = PQsetNoticeProcessor(connection, { _, _ in }, nil)
        handle = connection
    }

    deinit {
        assert(handle == nil, "PGConnection deinitialized without close()")
        if let handle { PQfinish(handle) }
    }

    /// Whether the session is usable: not closed, not broken, and libpq reports it connected.
    public var isOpen: Bool {
        guard let handle, !isBroken else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Ends the session and frees the handle. Calling it again does nothing.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        preparedStatements = [:]
    }

    /// The handle of a usable session.
    /// - Throws: `.closed` after ``close()``, `.unavailable` when the session was lost.
    func usableHandle() throws(PGError) -> OpaquePointer {
        guard let handle else {
            throw PGError(kind: .closed, serverMessage: "the connection was closed")
        }
        guard !isBroken, PQstatus(handle) == CONNECTION_OK else {
            isBroken = true
            throw PGError(kind: .unavailable, serverMessage: "the connection to the server was lost")
        }
        return handle
    }
}

/// A connection is used by one thread at a time; ``PGPool`` hands it between threads under its lock.
@available(*, unavailable)
extension PGConnection: Sendable {}
