import Auth
import JSONCodec
import Logging
import PostgresClient

/// `AuditSink` on PostgreSQL (`audit_events`, migrations/0005), and the reads behind `streamjobs audit`.
///
/// This sink writes the events that describe no committed change: failed authentications, refused
/// requests, successes that changed nothing, changes outside the database (an export's file), and admin
/// commands. A change to a job or template is recorded by the write itself, in the same statement and
/// commit (`AuditInTransaction` in JobStorePostgres), so no change exists without its event and no event
/// describes a change that did not commit. The runtime role may only insert and read events
/// (migrations/0007).
public final class PostgresAuditLog: AuditSink {
    private let access: AuthStoreAccess
    private let pipelines: PGPipelineGroup?
    private let logger: Logger

    /// - Parameters:
    ///   - pool: connections to a database migrated to at least 0005.
    ///   - pipelines: sessions in pipeline mode for ``record(_:then:)``; without them it uses `pool`.
    ///   - logger: receives an error line (with the request id) when an event cannot be recorded.
    public init(pool: PGPool, pipelines: PGPipelineGroup? = nil, logger: Logger) {
        access = AuthStoreAccess(pool: pool, logger: logger, store: "audit")
        self.pipelines = pipelines
        self.logger = logger
    }

    public func record(_ event: AuditEvent) {
        do {
            try insert(event)
        } catch {
            reportUnrecorded(event, error: "\(error)")
        }
    }

    /// Inserts `event` on a pipeline session (its own implicit transaction), then calls `then`; without
    /// pipelines, as ``record(_:)`` does.
    public func record(_ event: AuditEvent, then: @escaping @Sendable () -> Void) {
        guard let pipelines else {
            record(event)
            return then()
        }
        pipelines.submit(
            PGBatch(AuditStatements.insert, Self.parameters(event)),
            localSettings: [Self.scope(event)], readOnly: false
        ) { [self] outcome in
            if case .failure(let error) = outcome { reportUnrecorded(event, error: error.description) }
            then()
        }
    }

    private func reportUnrecorded(_ event: AuditEvent, error: String) {
        logger.error(
            "audit event not recorded",
            metadata: ["request.id": "\(event.requestID)", "audit.action": "\(event.action)", "audit.error": "\(error)"])
    }

    /// The event's project as the transaction's row-level security scope.
    private static func scope(_ event: AuditEvent) -> PGLocalSetting {
        PGLocalSetting(name: "app.project_id", value: event.projectID)
    }

    private static func parameters(_ event: AuditEvent) -> [any PGBindable] {
        [
            event.projectID, event.actor, event.action, event.targets, event.status, event.errorCode, event.reason,
            event.requestID, event.clientAddress, event.count,
        ]
    }

    /// Inserts `event`, reporting failure (for admin commands, which must not succeed silently unaudited).
    /// - Throws: `CredentialStoreError`.
    public func insert(_ event: AuditEvent) throws(CredentialStoreError) {
        let parameters = Self.parameters(event)
        // One round trip: the scope (row-level security) and the insert in one implicit transaction.
        try access.run("insert") { connection in
            _ = try connection.pipelined(
                PGBatch(AuditStatements.insert, parameters),
                localSettings: [Self.scope(event)])
        }
    }

    /// `project`'s newest `limit` events at or after `sinceMillis`, newest first.
    /// - Throws: `CredentialStoreError`.
    public func events(project: String, sinceMillis: Int64, limit: Int) throws(CredentialStoreError) -> [AuditRecord] {
        try access.run("since") { connection in
            let r = try connection.transaction { connection in
                _ = try connection.execute(AuditStatements.scopeToProject, [project])
                return try connection.execute(AuditStatements.since, [project, sinceMillis, limit])
            }
            return try (0..<r.rowCount).map { row in
                guard let id = r.int64(row, 0), let at = r.int64(row, 1), let actor = r.string(row, 2),
                    let action = r.string(row, 3), let targetsJSON = r.string(row, 4), let status = r.int(row, 5),
                    let requestID = r.string(row, 8), let address = r.string(row, 9), let count = r.int(row, 10)
                else { throw CorruptCredentialRow() }
                let targets = ((try? JSONParser.parse(Array(targetsJSON.utf8)))?.arrayValue ?? []).compactMap(\.stringValue)
                let event = AuditEvent(
                    projectID: project, actor: actor, action: action, targets: targets, status: status,
                    errorCode: r.string(row, 6), reason: r.string(row, 7), requestID: requestID, clientAddress: address,
                    count: count)
                return AuditRecord(eventID: id, occurredAtMillis: at, event: event)
            }
        }
    }
}
