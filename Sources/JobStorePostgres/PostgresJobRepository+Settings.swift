import JobDomain
import PostgresClient

/// A project's settings on PostgreSQL (`project_settings`, migration 0016): each method one pipeline
/// unit, a read sharing a Sync with other reads, the save its own transaction with its audit event.
extension PostgresJobRepository: ProjectSettingsRepository {
    public func settings(project: ProjectID, completion: @escaping @Sendable (Result<ProjectSettings, JobError>) -> Void) {
        let call = ScopedCall(
            operation: "settings", statement: PurgeStatements.settings, parameters: [project.rawValue], readOnly: true
        ) { r -> ProjectSettings in
            guard r.rowCount == 1 else { return ProjectSettings() }
            return ProjectSettings(deletedJobRetentionDays: r.int64(0, 0).map(Int.init))
        }
        access.submit(call, project: project, completion: completion)
    }

    public func saveSettings(
        _ settings: ProjectSettings, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<ProjectSettings, JobError>) -> Void
    ) {
        let parameters: [any PGBindable] = [
            project.rawValue, settings.deletedJobRetentionDays.map(Int64.init), context.actor, context.requestID,
        ] + AuditInTransaction.parameters(context)
        let call = ScopedCall(
            operation: "save settings", statement: PurgeStatements.saveSettings, parameters: parameters, readOnly: false
        ) { r -> ProjectSettings in
            guard r.rowCount == 1 else { throw CorruptRow(column: "project_settings") }
            AuditInTransaction.committed(context)
            return ProjectSettings(deletedJobRetentionDays: r.int64(0, 0).map(Int.init))
        }
        access.submit(call, project: project, completion: completion)
    }
}
