/// Where a project's settings are kept. Asynchronous like `JobRepository`: each method hands its outcome
/// to `completion` exactly once, possibly on another thread, and makes no HTTP worker wait.
public protocol ProjectSettingsRepository: Sendable {
    /// Completes with the project's settings (the defaults when it never set any).
    func settings(project: ProjectID, completion: @escaping @Sendable (Result<ProjectSettings, JobError>) -> Void)

    /// Stores `settings` as the project's, with the request's audit event in the same transaction.
    /// - Parameter completion: the settings as stored, `.storeUnavailable`, `.internalError`.
    func saveSettings(
        _ settings: ProjectSettings, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<ProjectSettings, JobError>) -> Void)
}
