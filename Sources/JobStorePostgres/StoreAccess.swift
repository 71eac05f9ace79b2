import JobDomain
import Logging
import PostgresClient

/// A stored row that breaks what the schema's constraints promise (an unknown status, say): the
/// repositories refuse to guess and report an internal error.
struct CorruptRow: Error {
    let column: String
}

/// Runs statements on pooled connections and maps every driver failure to `JobError`, in one place
/// for all the PostgreSQL stores. Log lines name the SQLSTATE and constraint, never the server's
/// message (it can quote bind values).
struct StoreAccess: Sendable {
    let pool: PGPool
    let logger: Logger
    /// What the store is called in log lines (`jobs`, `templates`, `engine`).
    let store: String
    /// Unique constraints whose violation is a domain conflict, and the error to report for it.
    var conflicts: [String: JobError] = [:]
    /// Where repository calls go (``StoreAccess/submit(_:project:completion:)``); without it they run on
    /// a pooled connection and complete before returning.
    var pipelines: PGPipelineGroup? = nil

    /// Runs `body` on a pooled connection.
    /// - Throws: `JobError.storeUnavailable` when the database cannot be reached, the mapped conflict
    ///   for a listed unique constraint, `.internalError` otherwise (logged), or a `JobError` `body` threw.
    func run<R>(_ operation: String, _ body: (PGConnection) throws -> R) throws(JobError) -> R {
        try mapErrors(operation) { try pool.withConnection(body) }
    }

    /// Runs `body`, mapping what it throws as ``run(_:_:)`` does.
    func mapErrors<R>(_ operation: String, _ body: () throws -> R) throws(JobError) -> R {
        do {
            return try body()
        } catch let error as PGError {
            throw map(error, operation: operation)
        } catch let error as JobError {
            throw error
        } catch let error as CorruptRow {
            logger.error(
                "corrupt row",
                metadata: ["db.store": "\(store)", "db.operation": "\(operation)", "db.column": "\(error.column)"])
            throw .internalError
        } catch {
            logger.error("unexpected store error", metadata: ["db.store": "\(store)", "db.operation": "\(operation)"])
            throw .internalError
        }
    }

    private func map(_ error: PGError, operation: String) -> JobError {
        switch error.kind {
        case .unavailable, .poolTimeout, .closed:
            logger.warning(
                "database unavailable",
                metadata: ["db.store": "\(store)", "db.operation": "\(operation)", "db.error": "\(error.description)"])
            return .storeUnavailable
        case .query:
            if error.sqlState == .uniqueViolation, let constraint = error.constraint, let conflict = conflicts[constraint] {
                return conflict
            }
            logger.error(
                "database error",
                metadata: [
                    "db.store": "\(store)", "db.operation": "\(operation)",
                    "db.sqlstate": "\(error.sqlState?.rawValue ?? "")", "db.constraint": "\(error.constraint ?? "")",
                ])
            return .internalError
        }
    }
}
