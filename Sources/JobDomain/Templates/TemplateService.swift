/// The Flink SQL job template service (dli-api.md §3.16): the per-project cap, and not-found for
/// unknown and deleted templates alike. Asynchronous, like `JobService`: every operation hands its
/// outcome to `completion` exactly once, possibly on another thread.
public struct TemplateService: Sendable {
    private let repository: any TemplateRepository
    /// Live templates allowed per project.
    public let maxPerProject: Int

    /// - Parameters:
    ///   - repository: where templates are stored.
    ///   - maxPerProject: the cap on live templates per project (DLI's is 100).
    public init(repository: any TemplateRepository, maxPerProject: Int = TemplateLimits.maxPerProject) {
        self.repository = repository
        self.maxPerProject = maxPerProject
    }

    /// Creates a template.
    /// - Parameter completion: the template, or `JobError.quotaExceeded` at the cap,
    ///   `.templateNameAlreadyExists`, `.storeUnavailable`, `.internalError`.
    public func create(
        _ template: NewTemplate, in project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Template, JobError>) -> Void
    ) {
        let quota = JobError.quotaExceeded(resource: "template", limit: maxPerProject)
        repository.insert(template, project: project, maxPerProject: maxPerProject, context: context) { outcome in
            completion(outcome.flatMap { stored in stored.map { .success($0) } ?? .failure(quota) })
        }
    }

    /// The live template with this id.
    /// - Parameter completion: the template, or `JobError.templateNotFound` when it does not exist in
    ///   this project or was deleted.
    public func template(
        _ id: TemplateID, in project: ProjectID, completion: @escaping @Sendable (Result<Template, JobError>) -> Void
    ) {
        repository.find(id, project: project) { outcome in
            completion(outcome.flatMap { found in found.map { .success($0) } ?? .failure(.templateNotFound(id)) })
        }
    }

    /// Changes a template's name, description or SQL.
    /// - Parameter completion: the update time in epoch milliseconds, or `JobError.templateNotFound`,
    ///   `.templateNameAlreadyExists`, `.storeUnavailable`, `.internalError`.
    public func update(
        _ id: TemplateID, _ changes: TemplateChanges, in project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Int64, JobError>) -> Void
    ) {
        repository.update(id, changes: changes, project: project, context: context) { outcome in
            completion(outcome.flatMap { updated in updated.map { .success($0) } ?? .failure(.templateNotFound(id)) })
        }
    }

    /// Soft-deletes a template, even when jobs were created from it (they keep their SQL).
    /// - Parameter completion: success, or `JobError.templateNotFound` (also for an already deleted template).
    public func delete(
        _ id: TemplateID, in project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Void, JobError>) -> Void
    ) {
        repository.delete(id, project: project, context: context) { outcome in
            completion(outcome.flatMap { deleted in deleted ? .success(()) : .failure(.templateNotFound(id)) })
        }
    }

    /// A page of the project's live templates.
    public func list(
        _ query: TemplateListQuery, in project: ProjectID,
        completion: @escaping @Sendable (Result<TemplatePage, JobError>) -> Void
    ) {
        repository.list(query, project: project, completion: completion)
    }
}
