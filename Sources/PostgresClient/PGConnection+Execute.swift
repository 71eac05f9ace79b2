import CLibPQ

// Running statements: prepared (with the per-session cache) and raw SQL.
extension PGConnection {
    /// Runs a prepared statement with text-format bind parameters (`PQexecPrepared`), preparing it first
    /// if this session has not yet done so.
    ///
    /// See <https://www.postgresql.org/docs/15/libpq-exec.html#LIBPQ-PQEXECPREPARED>.
    /// - Parameters:
    ///   - statement: the statement; its name must always carry the same SQL.
    ///   - parameters: the values for `$1`, `$2`, …; never part of the SQL text.
    /// - Returns: the result, possibly with no rows.
    /// - Throws: ``PGError``: `.query` with the SQLSTATE when the server rejects the statement (or a
    ///   parameter contains a NUL byte: `22021`), `.unavailable` when the session is lost (the connection
    ///   is then broken), `.closed` after ``close()``.
    public func execute(_ statement: PGStatement, _ parameters: [any PGBindable] = []) throws(PGError) -> PGResult {
        let handle = try usableHandle()
        try prepareIfNeeded(statement, on: handle)
        let values = parameters.map(\.pgText)
        if let index = CStringArray.firstIndexWithNUL(values) {
            throw PGError(
                kind: .query, sqlState: .characterNotInRepertoire,
                serverMessage: "bind parameter $\(index + 1) of \(statement.name) contains a NUL byte")
        }
        let result = CStringArray.with(values) { pointers in
            PQexecPrepared(handle, statement.name, Int32(values.count), pointers, nil, nil, statement.resultFormat.rawValue)
        }
        return try checked(result, on: handle)
    }

    /// Runs SQL text as is (`PQexec`), for DDL, migrations and transaction control; it may hold several
    /// statements, and the last one's result is returned. Never build this text from values.
    ///
    /// See <https://www.postgresql.org/docs/15/libpq-exec.html#LIBPQ-PQEXEC>.
    /// - Parameter sql: constant SQL.
    /// - Throws: ``PGError`` as ``execute(_:_:)`` does.
    @discardableResult
    public func execute(unsafeSQL sql: String) throws(PGError) -> PGResult {
        let handle = try usableHandle()
        guard !sql.utf8.contains(0) else {
            throw PGError(kind: .query, sqlState: .characterNotInRepertoire, serverMessage: "SQL contains a NUL byte")
        }
        return try checked(PQexec(handle, sql), on: handle)
    }

    /// Prepares `statement` on this session unless it already is.
    private func prepareIfNeeded(_ statement: PGStatement, on handle: OpaquePointer) throws(PGError) {
        if let preparedSQL = preparedStatements[statement.name] {
            precondition(preparedSQL == statement.sql, "statement \(statement.name) was prepared with other SQL")
            return
        }
        _ = try checked(PQprepare(handle, statement.name, statement.sql, 0, nil), on: handle)
        preparedStatements[statement.name] = statement.sql
    }

    /// Wraps a successful result, or turns a failed one into a ``PGError`` (freeing it), marking the
    /// connection broken when the session is gone.
    func checked(_ result: OpaquePointer?, on handle: OpaquePointer) throws(PGError) -> PGResult {
        guard let result else {
            // NULL: out of memory, or the query could not even be sent.
            let message = String(cString: PQerrorMessage(handle))
            isBroken = PQstatus(handle) != CONNECTION_OK
            throw PGError(kind: isBroken ? .unavailable : .query, serverMessage: message)
        }
        let status = PQresultStatus(result)
        if Self.succeeded(status) {
            return PGResult(taking: result)
        }
        let error = Self.failure(of: result, status: status, on: handle)
        PQclear(result)
        if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
            // The session is now in COPY mode, which this client does not drive: give it up.
            isBroken = true
            throw PGError(kind: .query, serverMessage: "COPY is not supported")
        }
        if error.kind == .unavailable { isBroken = true }
        throw error
    }

    /// Whether a result status is a success (a command, rows, or an empty query).
    static func succeeded(_ status: ExecStatusType) -> Bool {
        status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY
    }

    /// The error a failed result reports: `.unavailable` when the session is gone or the SQLSTATE is a
    /// connection-level one, else `.query`. The result is not freed.
    static func failure(of result: OpaquePointer, status: ExecStatusType, on handle: OpaquePointer) -> PGError {
        let reported = Self.error(from: result, status: status)
        guard PQstatus(handle) != CONNECTION_OK || reported.sqlState?.isConnectionLevel == true else { return reported }
        return PGError(kind: .unavailable, sqlState: reported.sqlState, constraint: nil, serverMessage: reported.serverMessage)
    }

    /// Reads the diagnostic fields of a failed result.
    static func error(from result: OpaquePointer, status: ExecStatusType) -> PGError {
        let sqlState = field(result, DiagnosticField.sqlState).map(SQLState.init(rawValue:))
        var message = String(cString: PQresultErrorMessage(result))
        if message.isEmpty { message = String(cString: PQresStatus(status)) }
        return PGError(
            kind: .query, sqlState: sqlState, constraint: field(result, DiagnosticField.constraintName),
            serverMessage: message)
    }

    private static func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        PQresultErrorField(result, code).map { String(cString: $0) }
    }
}

/// `PG_DIAG_*` codes; the C macros are character literals, which Swift does not import.
/// See <https://www.postgresql.org/docs/15/libpq-exec.html#LIBPQ-PQRESULTERRORFIELD>.
enum DiagnosticField {
    static let sqlState = Int32(UInt8(ascii: "C"))
    static let constraintName = Int32(UInt8(ascii: "n"))
}
