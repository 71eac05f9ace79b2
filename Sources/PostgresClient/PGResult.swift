import CLibPQ

/// The rows and status of one executed statement; owns its `PGresult` and frees it (`PQclear`) in `deinit`.
///
/// Values come in the statement's result format (``PGResultFormat``): text unless the statement asked
/// for binary; the accessors read either. A result is independent of its connection and may outlive
/// it, but it must stay on one thread.
/// See <https://www.postgresql.org/docs/15/libpq-exec.html#LIBPQ-EXEC-SELECT-INFO>.
public final class PGResult {
    /// The `PGresult *`; this object is its only owner. (Visible to inlinable accessors, so the generic
    /// ones specialize in their callers instead of instantiating types at run time per value.)
    @usableFromInline let handle: OpaquePointer
    /// The number of rows returned (`PQntuples`).
    public let rowCount: Int
    /// The number of columns returned (`PQnfields`).
    public let columnCount: Int

    /// Takes ownership of a successful result.
    init(taking handle: OpaquePointer) {
        self.handle = handle
        self.rowCount = Int(PQntuples(handle))
        self.columnCount = Int(PQnfields(handle))
    }

    deinit {
        PQclear(handle)
    }

    /// The number of rows inserted, updated, deleted, … by the statement (`PQcmdTuples`); 0 when the command
    /// reports none.
    public var affectedRows: Int {
        Int(String(cString: PQcmdTuples(handle))) ?? 0
    }

    /// The command tag, for example `UPDATE 3` or `BEGIN` (`PQcmdStatus`).
    public var commandTag: String {
        String(cString: PQcmdStatus(handle))
    }

    /// The name of a column.
    /// - Parameter column: a column index below ``columnCount``.
    public func columnName(_ column: Int) -> String {
        precondition(column >= 0 && column < columnCount, "column \(column) out of range")
        return String(cString: PQfname(handle, Int32(column)))
    }

    /// The index of the column with exactly this name (case-sensitive, no identifier folding), or `nil`.
    /// - Parameter name: the column name as the server reports it.
    public func columnIndex(named name: String) -> Int? {
        (0..<columnCount).first { columnName($0) == name }
    }

    /// Whether a value is SQL `NULL`.
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount``.
    @inlinable
    public func isNull(_ row: Int, _ column: Int) -> Bool {
        checkBounds(row, column)
        return PQgetisnull(handle, Int32(row), Int32(column)) == 1
    }

    /// Gives `body` the value's text bytes without copying them, or `nil` for SQL `NULL`.
    ///
    /// The buffer is valid only inside `body`; it is not NUL-terminated.
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount``.
    ///   - body: reads the bytes.
    @inlinable
    public func withBytes<R>(_ row: Int, _ column: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        if isNull(row, column) { return try body(nil) }
        let start = PQgetvalue(handle, Int32(row), Int32(column))
        let count = Int(PQgetlength(handle, Int32(row), Int32(column)))
        return try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// Whether the server sent this column in binary format (`PQfformat`).
    /// - Parameter column: a column index below ``columnCount``.
    @inlinable
    public func isBinary(_ column: Int) -> Bool {
        precondition(column >= 0 && column < columnCount, "column \(column) out of range")
        return PQfformat(handle, Int32(column)) == 1
    }

    /// The value as text, or `nil` for SQL `NULL` (for a binary result, the column must be a text type).
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount``.
    public func string(_ row: Int, _ column: Int) -> String? {
        withBytes(row, column) { bytes in bytes.map { String(decoding: $0, as: UTF8.self) } }
    }

    @usableFromInline
    func checkBounds(_ row: Int, _ column: Int) {
        precondition(row >= 0 && row < rowCount, "row \(row) out of range 0..<\(rowCount)")
        precondition(column >= 0 && column < columnCount, "column \(column) out of range 0..<\(columnCount)")
    }
}

/// A result is tied to the thread that uses it (libpq results are not shared between threads here).
@available(*, unavailable)
extension PGResult: Sendable {}
