/// A named prepared statement: SQL text with `$1`, `$2`, … placeholders and the name it is prepared under.
///
/// Each ``PGConnection`` prepares a statement lazily on its first use (`PQprepare` with no parameter types,
/// so the server infers them from the SQL) and remembers that it did. A new session, for example after a
/// reconnect, starts with an empty cache and prepares its statements again.
/// See <https://www.postgresql.org/docs/15/libpq-exec.html#LIBPQ-PQPREPARE>.
///
/// Names are per session; one name must always mean the same SQL.
public struct PGStatement: Hashable, Sendable {
    /// The server-side name of the prepared statement, unique within the application.
    public let name: String
    /// The SQL text; values are never part of it, they are bound as `$n` parameters.
    public let sql: String
    /// The format the server sends this statement's result values in.
    public let resultFormat: PGResultFormat

    /// Creates a statement.
    /// - Parameters:
    ///   - name: the server-side name, unique within the application (for example `"jobs.get"`).
    ///   - sql: the SQL text with `$n` placeholders.
    ///   - resultFormat: `.binary` spares the server formatting values as text (timestamps, arrays)
    ///     and the client parsing them; read such columns with the binary-aware accessors of ``PGResult``.
    public init(name: String, sql: String, resultFormat: PGResultFormat = .text) {
        self.name = name
        self.sql = sql
        self.resultFormat = resultFormat
    }
}

/// How the server sends result values (the `resultFormat` of `PQexecPrepared`): one format for every column.
/// See <https://www.postgresql.org/docs/15/protocol-overview.html#PROTOCOL-FORMAT-CODES>.
public enum PGResultFormat: Int32, Hashable, Sendable {
    /// Each type's text output (the default).
    case text = 0
    /// Each type's binary `send` form: fixed-size big-endian integers, timestamps as microseconds.
    case binary = 1
}
