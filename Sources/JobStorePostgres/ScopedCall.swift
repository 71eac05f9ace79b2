import PostgresClient

/// One repository call as data: a statement scoped to a project, its parameters, and how its result
/// becomes the call's value, so the same call can run blocking (``StoreAccess/run(_:project:)``) or
/// not (``StoreAccess/submit(_:project:completion:)``).
struct ScopedCall<R> {
    /// The operation's name in log lines.
    let operation: String
    let statement: PGStatement
    let parameters: [any PGBindable]
    /// The statement changes nothing (it may then share a transaction with other reads).
    let readOnly: Bool
    /// The pipeline sessions it goes to: by default readers for reads, writers for writes; the read a
    /// write decides on goes to the writers, so the write follows on the same session and thread.
    var lane: PGPipelineGroup.Lane? = nil
    let decode: @Sendable (PGResult) throws -> R

    init(
        operation: String, statement: PGStatement, parameters: [any PGBindable], readOnly: Bool,
        lane: PGPipelineGroup.Lane? = nil, decode: @escaping @Sendable (PGResult) throws -> R
    ) {
        self.operation = operation
        self.statement = statement
        self.parameters = parameters
        self.readOnly = readOnly
        self.lane = lane
        self.decode = decode
    }
}
