import JobDomain
import PostgresClient

/// Project-scoped store calls: every statement runs in a transaction in which `app.project_id` is the
/// request's project, the setting the row-level security policies of `migrations/0006` compare
/// `project_id` with. A statement that forgot `WHERE project_id = …` still sees, changes and counts
/// only that project's rows; with the setting unset it sees none.
///
/// Calls without a project go through the unscoped ``StoreAccess/run(_:_:)``; they are the system
/// paths listed in `migrations/0006_row_security.up.sql` and reach tenant tables only through the
/// `SECURITY DEFINER` functions made there.
extension StoreAccess {
    /// The run-time parameter the policies read (`current_setting('app.project_id', true)`).
    static let projectSetting = "app.project_id"

    /// Runs a fixed list of statements as one pipelined transaction (one round trip) scoped to `project`,
    /// then decodes the results.
    /// - Parameters:
    ///   - operation: the operation's name in log lines.
    ///   - project: the tenant the statements may see and change.
    ///   - batch: the statements, none depending on another's result.
    ///   - decode: turns the results (one per statement, in order) into the value returned.
    /// - Throws: as ``StoreAccess/run(_:_:)``.
    func run<R>(
        _ operation: String, project: ProjectID, _ batch: PGBatch, _ decode: ([PGResult]) throws -> R
    ) throws(JobError) -> R {
        try run(operation) { connection in
            try decode(connection.pipelined(batch, localSettings: [Self.scope(project)]))
        }
    }

    /// Runs one statement scoped to `project` (a pipelined transaction of one) and decodes its result.
    func run<R>(
        _ operation: String, project: ProjectID, _ statement: PGStatement, _ parameters: [any PGBindable],
        _ decode: (PGResult) throws -> R
    ) throws(JobError) -> R {
        try run(operation, project: project, PGBatch(statement, parameters)) { results in try decode(results[0]) }
    }

    /// Runs `call` (statements scoped to `project`) on a pooled connection, blocking.
    func run<R>(_ call: ScopedCall<R>, project: ProjectID) throws(JobError) -> R {
        try run(call.operation, project: project, call.batch, call.decode)
    }

    /// Runs `call` without blocking: on the pipelines when there are some (a read then shares a round
    /// trip with other requests' reads; a write is its own implicit transaction, so its statements
    /// commit together), else on a pooled connection. `decode` and `completion` run on the pipeline's
    /// thread, or on the caller's without pipelines (which then waits: ARCHITECTURE.md §3, known
    /// violation 1).
    /// - Parameter completion: the decoded value, or the error as ``StoreAccess/run(_:_:)`` maps it.
    func submit<R>(_ call: ScopedCall<R>, project: ProjectID, completion: @escaping @Sendable (Result<R, JobError>) -> Void) {
        guard let pipelines else {
            completion(Result { () throws(JobError) -> R in try run(call, project: project) })
            return
        }
        let decode = call.decode
        let operation = call.operation
        pipelines.submit(call.batch, localSettings: [Self.scope(project)], readOnly: call.readOnly) { outcome in
            completion(Result { () throws(JobError) -> R in try mapErrors(operation) { try decode(try outcome.get()) } })
        }
    }

    /// Runs `body` in a `BEGIN` … `COMMIT` transaction scoped to `project`, for work whose statements
    /// depend on earlier results (each statement is then its own round trip).
    /// - Throws: as ``StoreAccess/run(_:_:)``.
    func runInTransaction<R>(
        _ operation: String, project: ProjectID, _ body: (PGConnection) throws -> R
    ) throws(JobError) -> R {
        try run(operation) { connection in
            try connection.transaction(localSettings: [Self.scope(project)], body)
        }
    }

    private static func scope(_ project: ProjectID) -> PGLocalSetting {
        PGLocalSetting(name: projectSetting, value: project.rawValue)
    }
}
