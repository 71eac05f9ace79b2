import CLibPQ

// Transactions: BEGIN, the caller's work, then COMMIT, or ROLLBACK on any error.
extension PGConnection {
    /// Runs `body` inside `BEGIN` … `COMMIT`; on any error rolls back and rethrows that original error.
    ///
    /// If a statement inside `body` failed but `body` swallowed the error, the server has already aborted
    /// the transaction: it is rolled back and a `.query` error with SQLSTATE `25P02` is thrown instead of
    /// reporting a commit that did not happen.
    /// - Parameter body: the work; it receives this connection.
    /// - Returns: what `body` returns, once committed.
    /// - Throws: `body`'s error; ``PGError`` from `BEGIN`/`COMMIT` (for example `40001` at commit), or
    ///   `25001` when a transaction is already open on this connection.
    public func transaction<R>(_ body: (PGConnection) throws -> R) throws -> R {
        let handle = try usableHandle()
        guard PQtransactionStatus(handle) == PQTRANS_IDLE else {
            throw PGError(
                kind: .query, sqlState: .activeSQLTransaction,
                serverMessage: "transaction() called while a transaction is already open")
        }
        try execute(unsafeSQL: "BEGIN")
        return try finishTransaction(body)
    }

    /// Runs `body` inside the transaction `BEGIN` already opened, then commits; rolls back when `body`
    /// throws, when a statement failed inside it (even if `body` swallowed the error), or when COMMIT fails.
    func finishTransaction<R>(_ body: (PGConnection) throws -> R) throws -> R {
        let value: R
        do {
            value = try body(self)
        } catch {
            rollbackIfInTransaction()
            throw error
        }
        if let handle = self.handle, PQtransactionStatus(handle) == PQTRANS_INERROR {
            rollbackIfInTransaction()
            throw PGError(
                kind: .query, sqlState: .inFailedSQLTransaction,
                serverMessage: "a statement failed inside the transaction; it was rolled back")
        }
        do {
            try execute(unsafeSQL: "COMMIT")
        } catch {
            rollbackIfInTransaction()
            throw error
        }
        return value
    }

    /// Sends `ROLLBACK` when the session is inside a transaction block (open or failed); errors are ignored
    /// because the caller is already handling one, and a lost session rolls back on the server anyway.
    func rollbackIfInTransaction() {
        guard isOpen, let handle else { return }
        let status = PQtransactionStatus(handle)
        if status == PQTRANS_INTRANS || status == PQTRANS_INERROR {
            _ = try? execute(unsafeSQL: "ROLLBACK")
        }
    }
}
