import CLibPQ

// Pipelined transactions: a fixed list of statements (plus transaction-local settings) in one round trip.
extension PGConnection {
    /// Runs `batch` in one network round trip as one transaction, after setting `localSettings` for
    /// that transaction only: libpq pipeline mode sends every statement, then one Sync, then reads
    /// every result. Statements this session has not prepared yet are prepared in the same pipeline.
    ///
    /// Outside a transaction block, the statements up to the Sync form PostgreSQL's implicit
    /// transaction: committed at the Sync when all succeeded, rolled back when one failed, and the
    /// settings revert either way (no `BEGIN`/`COMMIT` needed, and no extra round trip to roll back).
    /// Inside a transaction opened with ``transaction(localSettings:_:)`` the batch joins that one.
    /// The connection stays in blocking mode: libpq reads incoming data while its sends would block,
    /// so large parameters and large results cannot deadlock.
    /// See <https://www.postgresql.org/docs/15/libpq-pipeline-mode.html> and
    /// <https://www.postgresql.org/docs/15/protocol-flow.html#PROTOCOL-FLOW-PIPELINING>.
    /// - Parameters:
    ///   - batch: the statements, in order.
    ///   - localSettings: parameters set with `set_config(name, value, true)` before the statements.
    /// - Returns: one result per statement of `batch`, in order.
    /// - Throws: ``PGError``: the first failing statement's error exactly as ``execute(_:_:)`` reports it
    ///   (the rest of the pipeline is then skipped, and nothing is committed); `.unavailable` when the
    ///   session is lost (the connection is then broken); `.closed` after ``close()``.
    public func pipelined(_ batch: PGBatch, localSettings: [PGLocalSetting] = []) throws(PGError) -> [PGResult] {
        let items = localSettings.map(\.item) + batch.items
        let results = try runPipeline(items, opening: nil)
        return Array(results.dropFirst(localSettings.count))
    }

    /// Runs `body` inside `BEGIN` … `COMMIT` with `localSettings` set for the transaction, for work whose
    /// later statements depend on earlier results. `BEGIN` and the settings cost one round trip
    /// together; each statement of `body` and the `COMMIT` one more each. On any error it rolls back
    /// and rethrows, as ``transaction(_:)`` does.
    /// - Parameters:
    ///   - localSettings: parameters set with `set_config(name, value, true)` right after `BEGIN`.
    ///   - body: the work; it receives this connection.
    /// - Returns: what `body` returns, once committed.
    /// - Throws: `body`'s error; ``PGError`` from `BEGIN`, the settings or `COMMIT`; `25001` when a
    ///   transaction is already open on this connection.
    public func transaction<R>(localSettings: [PGLocalSetting], _ body: (PGConnection) throws -> R) throws -> R {
        let handle = try usableHandle()
        guard PQtransactionStatus(handle) == PQTRANS_IDLE else {
            throw PGError(
                kind: .query, sqlState: .activeSQLTransaction,
                serverMessage: "transaction(localSettings:) called while a transaction is already open")
        }
        do {
            _ = try runPipeline(localSettings.map(\.item), opening: "BEGIN")
        } catch {
            rollbackIfInTransaction()
            throw error
        }
        // BEGIN already ran: finish the same way `transaction(_:)` does.
        return try finishTransaction(body)
    }

    /// What one command sent in a pipeline yields, in the order the server answers.
    private enum PipelineStep {
        /// A `Parse` of a statement this session had not prepared; on success it is remembered.
        case prepare(PGStatement)
        /// The unnamed constant command sent first (for example `BEGIN`).
        case opening
        /// The statement at this index of the items.
        case item(Int)
    }

    /// Sends `opening` (constant SQL, unnamed), then the items (preparing the unprepared ones first),
    /// then one Sync; reads every result up to the Sync and leaves pipeline mode.
    private func runPipeline(_ items: [PGBatch.Item], opening: String?) throws(PGError) -> [PGResult] {
        let handle = try usableHandle()
        for item in items {
            if let index = CStringArray.firstIndexWithNUL(item.values) {
                throw PGError(
                    kind: .query, sqlState: .characterNotInRepertoire,
                    serverMessage: "bind parameter $\(index + 1) of \(item.statement.name) contains a NUL byte")
            }
        }
        guard PQenterPipelineMode(handle) == 1 else { throw lost(handle, "could not enter pipeline mode") }
        var steps: [PipelineStep] = []
        steps.reserveCapacity(items.count * 2 + 1)
        if let opening {
            guard PQsendQueryParams(handle, opening, 0, nil, nil, nil, nil, 0) == 1 else { throw lost(handle) }
            steps.append(.opening)
        }
        var preparing: Set<String> = []
        for (index, item) in items.enumerated() {
            let statement = item.statement
            if statement.name.isEmpty {
                // The unnamed statement is replaced by every Parse: prepare it each time, never cache it.
                guard PQsendPrepare(handle, "", statement.sql, 0, nil) == 1 else { throw lost(handle) }
                steps.append(.prepare(statement))
            } else if let preparedSQL = preparedStatements[statement.name] {
                precondition(preparedSQL == statement.sql, "statement \(statement.name) was prepared with other SQL")
            } else if preparing.insert(statement.name).inserted {
                guard PQsendPrepare(handle, statement.name, statement.sql, 0, nil) == 1 else { throw lost(handle) }
                steps.append(.prepare(statement))
            }
            let sent = CStringArray.with(item.values) { pointers in
                PQsendQueryPrepared(
                    handle, statement.name, Int32(item.values.count), pointers, nil, nil, statement.resultFormat.rawValue)
            }
            guard sent == 1 else { throw lost(handle) }
            steps.append(.item(index))
        }
        guard PQpipelineSync(handle) == 1 else { throw lost(handle) }
        return try readPipeline(steps, itemCount: items.count, on: handle)
    }

    /// Reads the results of `steps` and the Sync. Each command yields its result then NULL; after the
    /// first error the server skips the rest (`PGRES_PIPELINE_ABORTED`) up to the Sync.
    private func readPipeline(_ steps: [PipelineStep], itemCount: Int, on handle: OpaquePointer)
        throws(PGError) -> [PGResult]
    {
        var results = [PGResult?](repeating: nil, count: itemCount)
        var firstError: OpaquePointer? = nil
        defer { if let firstError { PQclear(firstError) } }
        var position = 0
        while true {
            guard let result = PQgetResult(handle) else {
                // The end of one command's results, or of the session.
                guard PQstatus(handle) == CONNECTION_OK, position < steps.count else {
                    throw lost(handle, "the pipeline ended before its Sync")
                }
                position += 1
                continue
            }
            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC {
                PQclear(result)
                break
            }
            guard position < steps.count else {
                PQclear(result)
                throw lost(handle, "more pipeline results than commands")
            }
            if Self.succeeded(status) {
                switch steps[position] {
                case .prepare(let statement):
                    // Prepared statements outlive a rolled-back transaction: remember it either way.
                    if !statement.name.isEmpty { preparedStatements[statement.name] = statement.sql }
                    PQclear(result)
                case .opening:
                    PQclear(result)
                case .item(let index):
                    results[index] = PGResult(taking: result)
                }
            } else if status == PGRES_PIPELINE_ABORTED || firstError != nil {
                PQclear(result)
            } else {
                firstError = result
            }
        }
        guard PQexitPipelineMode(handle) == 1 else { throw lost(handle, "could not leave pipeline mode") }
        if let failed = firstError {
            firstError = nil
            // `checked` maps it exactly as a single statement's error (connection-level codes included).
            _ = try checked(failed, on: handle)
        }
        var complete: [PGResult] = []
        complete.reserveCapacity(itemCount)
        for result in results {
            guard let result else { throw lost(handle, "a pipelined statement returned no result") }
            complete.append(result)
        }
        return complete
    }

    /// Marks the session broken after a failed send or an out-of-order pipeline, and the error to throw.
    /// The pool replaces a broken connection on its next checkout.
    private func lost(_ handle: OpaquePointer, _ reason: String? = nil) -> PGError {
        let message = reason ?? String(cString: PQerrorMessage(handle))
        isBroken = true
        return PGError(kind: .unavailable, serverMessage: message)
    }
}
