import PostgresClient

/// One repository call as data: a fixed list of statements scoped to a project (none depending on
/// another's result), their parameters, and how the results become the call's value. It runs as one
/// pipeline unit (``StoreAccess/submit(_:project:completion:)``), or, without pipelines, as one
/// pipelined transaction on a pooled connection (``StoreAccess/run(_:project:)``).
struct ScopedCall<R> {
    /// The operation's name in log lines.
    let operation: String
    let batch: PGBatch
    /// The statements change nothing (they may then share a transaction with other reads).
    let readOnly: Bool
    /// Turns the results (one per statement, in order) into the value.
    let decode: @Sendable ([PGResult]) throws -> R

    init(operation: String, batch: PGBatch, readOnly: Bool, decode: @escaping @Sendable ([PGResult]) throws -> R) {
        self.operation = operation
        self.batch = batch
        self.readOnly = readOnly
        self.decode = decode
    }

    /// A call of one statement, decoded from its result.
    init(
        operation: String, statement: PGStatement, parameters: [any PGBindable], readOnly: Bool,
        decode: @escaping @Sendable (PGResult) throws -> R
    ) {
        self.init(operation: operation, batch: PGBatch(statement, parameters), readOnly: readOnly) { results in
            try decode(results[0])
        }
    }
}
