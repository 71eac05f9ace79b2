import Auth
import Logging
import PostgresClient

/// Runs statements on pooled connections or pipeline sessions and maps driver failures to
/// `CredentialStoreError`, in one place for the credential and audit stores. Log lines name the
/// SQLSTATE, never the server's message (it can quote bind values).
struct AuthStoreAccess: Sendable {
    let pool: PGPool
    let logger: Logger
    let store: String
    /// Sessions in pipeline mode for ``read(_:_:localSettings:decode:completion:)``; without them reads use `pool`.
    var pipelines: PGPipelineGroup? = nil

    /// Runs `body` on a pooled connection.
    /// - Throws: `.unavailable` when the database cannot be reached, `.internalError` otherwise (logged).
    func run<R>(_ operation: String, _ body: (PGConnection) throws -> R) throws(CredentialStoreError) -> R {
        do {
            return try pool.withConnection(body)
        } catch {
            throw mapped(error, operation)
        }
    }

    /// Runs a read-only `batch` (one implicit transaction, `localSettings` first) and decodes its
    /// results, completing exactly once: on a pipeline session without waiting (the caller may be an HTTP
    /// worker), or, without pipelines, on a pooled connection before returning.
    func read<R>(
        _ operation: String, _ batch: PGBatch, localSettings: [PGLocalSetting] = [],
        decode: @escaping @Sendable ([PGResult]) throws -> R,
        completion: @escaping @Sendable (Result<R, CredentialStoreError>) -> Void
    ) {
        guard let pipelines else {
            return completion(Result { () throws(CredentialStoreError) -> R in
                try run(operation) { connection in try decode(connection.pipelined(batch, localSettings: localSettings)) }
            })
        }
        pipelines.submit(batch, localSettings: localSettings, readOnly: true) { [self] outcome in
            completion(Result { () throws(CredentialStoreError) -> R in
                do {
                    return try decode(try outcome.get())
                } catch {
                    throw mapped(error, operation)
                }
            })
        }
    }

    /// `error` as the store reports it: `.unavailable` when the database cannot be reached,
    /// `.internalError` otherwise (logged).
    private func mapped(_ error: any Error, _ operation: String) -> CredentialStoreError {
        switch error {
        case let error as PGError:
            switch error.kind {
            case .unavailable, .poolTimeout, .closed:
                logger.warning("database unavailable", metadata: ["db.store": "\(store)", "db.operation": "\(operation)"])
                return .unavailable
            case .query:
                logger.error(
                    "database error",
                    metadata: [
                        "db.store": "\(store)", "db.operation": "\(operation)",
                        "db.sqlstate": "\(error.sqlState?.rawValue ?? "")", "db.constraint": "\(error.constraint ?? "")",
                    ])
                return .internalError
            }
        case let error as CredentialStoreError:
            return error
        default:
            logger.error("unexpected store error", metadata: ["db.store": "\(store)", "db.operation": "\(operation)"])
            return .internalError
        }
    }
}

/// A stored row that breaks what the schema promises.
struct CorruptCredentialRow: Error {}
