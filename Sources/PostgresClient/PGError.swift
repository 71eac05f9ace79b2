/// An error from PostgreSQL, libpq or the pool.
///
/// ``description`` is safe to show or log anywhere: it names the kind and the SQLSTATE only. The server's
/// message, which can quote SQL text or bound values, is kept in ``serverMessage`` for detailed logs.
public struct PGError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, in the terms a caller acts on.
    public enum Kind: Sendable, Hashable {
        /// The database cannot be reached or the session was lost; callers answer 503. The statement may
        /// or may not have run: it is never retried automatically.
        case unavailable
        /// The server rejected the statement (constraint, syntax, data, serialization, …); see ``sqlState``.
        case query
        /// No pooled connection became free within the checkout timeout; callers answer 503.
        case poolTimeout
        /// The connection or pool was closed by the application.
        case closed
    }

    /// What went wrong.
    public let kind: Kind
    /// The SQLSTATE the server (or libpq) reported, if any.
    public let sqlState: SQLState?
    /// The violated constraint's name (`PG_DIAG_CONSTRAINT_NAME`), for integrity violations.
    public let constraint: String?
    /// The full message from the server or libpq: for logs only, never for clients.
    public let serverMessage: String

    /// Creates an error.
    /// - Parameters:
    ///   - kind: what went wrong.
    ///   - sqlState: the SQLSTATE, if known.
    ///   - constraint: the violated constraint's name, if any.
    ///   - serverMessage: the detailed message, for logs only.
    public init(kind: Kind, sqlState: SQLState? = nil, constraint: String? = nil, serverMessage: String) {
        self.kind = kind
        self.sqlState = sqlState
        self.constraint = constraint
        self.serverMessage = serverMessage
    }

    /// A short text without the server message, SQL or bound values, for example
    /// `database error (SQLSTATE 23505)` or `database unavailable`.
    public var description: String {
        switch kind {
        case .unavailable: return "database unavailable"
        case .poolTimeout: return "database busy: no connection free in time"
        case .closed: return "database connection closed"
        case .query:
            guard let sqlState else { return "database error" }
            return "database error (SQLSTATE \(sqlState.rawValue))"
        }
    }
}
