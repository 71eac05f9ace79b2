// A project's settings (extension beyond DLI): today only the deleted jobs' retention.
extension JobService {
    /// The project's settings, or `.internalError` when the repository keeps none.
    public func settings(in project: ProjectID, completion: @escaping @Sendable (Result<ProjectSettings, JobError>) -> Void) {
        guard let store = repository as? any ProjectSettingsRepository else { return completion(.failure(.internalError)) }
        store.settings(project: project, completion: completion)
    }

    /// Replaces the project's settings (validated by the caller against ``ProjectSettings/retentionDays``).
    public func saveSettings(
        _ settings: ProjectSettings, in project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<ProjectSettings, JobError>) -> Void
    ) {
        guard let store = repository as? any ProjectSettingsRepository else { return completion(.failure(.internalError)) }
        if let days = settings.deletedJobRetentionDays, !ProjectSettings.retentionDays.contains(days) {
            return completion(.failure(.invalidParameter(
                name: "deleted_job_retention_days", reason: "must be between 1 and 3650, or null")))
        }
        store.saveSettings(settings, project: project, context: context, completion: completion)
    }
}
