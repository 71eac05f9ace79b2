import JobDomain
import Logging
import PostgresClient

/// Idempotency keys on PostgreSQL (`idempotency_keys`, migrations/0014): each call is one pipeline unit
/// scoped to its project, so no thread waits on it.
public final class PostgresIdempotencyStore: IdempotencyStore {
    private let access: StoreAccess

    /// - Parameters:
    ///   - pool: connections used only without pipelines (tests, tools), on the caller's thread.
    ///   - pipelines: where the calls go.
    ///   - logger: where unexpected database errors are reported (never keys' responses).
    public init(pool: PGPool, pipelines: PGPipelineGroup? = nil, logger: Logger) {
        access = StoreAccess(pool: pool, logger: logger, store: "idempotency", pipelines: pipelines)
    }

    public func reserve(
        _ reservation: IdempotencyReservation, project: ProjectID,
        completion: @escaping @Sendable (Result<IdempotencyClaim, JobError>) -> Void
    ) {
        var batch = PGBatch(
            IdempotencyStatements.reserve,
            [
                project.rawValue, reservation.key, reservation.fingerprint, reservation.token,
                IdempotencyRule.leaseSeconds, IdempotencyRule.retentionSeconds,
            ])
        batch.add(IdempotencyStatements.read, [project.rawValue, reservation.key, reservation.fingerprint])
        let call = ScopedCall<IdempotencyClaim>(operation: "reserve", batch: batch, readOnly: false) { results in
            if results[0].rowCount == 1 { return .reserved }
            let r = results[1]
            // The holder's row vanished between the two statements (it expired and was purged): ask again.
            guard r.rowCount == 1 else { return .inProgress }
            guard let same = r.bool(0, 0), let done = r.bool(0, 1), let leaseOver = r.bool(0, 2) else {
                throw CorruptRow(column: "idempotency_keys")
            }
            guard same else { return .mismatch }
            guard done else { return leaseOver ? .outcomeUnknown : .inProgress }
            guard let status = r.int64(0, 3), let body = r.bytea(0, 5) else {
                throw CorruptRow(column: "idempotency_keys")
            }
            return .replay(StoredResponse(status: Int(status), contentType: r.string(0, 4), body: body))
        }
        access.submit(call, project: project, completion: completion)
    }

    public func complete(
        _ reservation: IdempotencyReservation, project: ProjectID, response: StoredResponse,
        completion: @escaping @Sendable (Result<Bool, JobError>) -> Void
    ) {
        let call = ScopedCall<Bool>(
            operation: "complete", statement: IdempotencyStatements.complete,
            parameters: [
                project.rawValue, reservation.key, reservation.token, response.status, response.contentType,
                PGBytea(response.body),
            ],
            readOnly: false
        ) { $0.affectedRows == 1 }
        access.submit(call, project: project, completion: completion)
    }
}
