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
    let decode: @Sendable (PGResult) throws -> R
}
