import Auth
import Logging
import PostgresClient

/// Runs statements on pooled connections and maps driver failures to `CredentialStoreError`, in one
/// place for the credential and audit stores. Log lines name the SQLSTATE, never the server's message
/// (it can quote bind values).
struct AuthStoreAccess: Sendable {
    let pool: PGPool
    let logger: Logger
    let store: String

    /// Runs `body` on a pooled connection.
    /// - Throws: `.unavailable` when the database cannot be reached, `.internalError` otherwise (logged).
    func run<R>(_ operation: String, _ body: (PGConnection) throws -> R) throws(CredentialStoreError) -> R {
        do {
            return try pool.withConnection(body)
        } catch let error as PGError {
            switch error.kind {
            case .unavailable, .poolTimeout, .closed:
                logger.warning("database unavailable", metadata: ["db.store": "\(store)", "db.operation": "\(operation)"])
                throw .unavailable
            case .query:
                logger.error(
                    "database error",
                    metadata: [
                        "db.store": "\(store)", "db.operation": "\(operation)",
                        "db.sqlstate": "\(error.sqlState?.rawValue ?? "")", "db.constraint": "\(error.constraint ?? "")",
                    ])
                throw .internalError
            }
        } catch let error as CredentialStoreError {
            throw error
        } catch {
            logger.error("unexpected store error", metadata: ["db.store": "\(store)", "db.operation": "\(operation)"])
            throw .internalError
        }
    }
}

/// A stored row that breaks what the schema promises.
struct CorruptCredentialRow: Error {}
