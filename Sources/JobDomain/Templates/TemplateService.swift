/// The Flink SQL job template service (dli-api.md §3.16): the per-project cap, and not-found for
/// unknown and deleted templates alike. Synchronous, like `JobService`.
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
    /// - Throws: `JobError.quotaExceeded` at the cap, `.templateNameAlreadyExists`, `.storeUnavailable`, `.internalError`.
    public func create(_ template: NewTemplate, in project: ProjectID, context: RequestContext) throws(JobError)
        -> Template
    {
        guard let stored = try repository.insert(template, project: project, maxPerProject: maxPerProject, context: context)
        else { throw .quotaExceeded(resource: "template", limit: maxPerProject) }
        return stored
    }

    /// The live template with this id.
    /// - Throws: `JobError.templateNotFound` when it does not exist in this project or was deleted.
    public func template(_ id: TemplateID, in project: ProjectID) throws(JobError) -> Template {
        guard let template = try repository.find(id, project: project) else { throw .templateNotFound(id) }
        return template
    }

    /// Changes a template's name, description or SQL.
    /// - Returns: the update time in epoch milliseconds.
    /// - Throws: `JobError.templateNotFound`, `.templateNameAlreadyExists`, `.storeUnavailable`, `.internalError`.
    public func update(_ id: TemplateID, _ changes: TemplateChanges, in project: ProjectID, context: RequestContext)
        throws(JobError) -> Int64
    {
        guard let updated = try repository.update(id, changes: changes, project: project, context: context) else {
            throw .templateNotFound(id)
        }
        return updated
    }

    /// Soft-deletes a template, even when jobs were created from it (they keep their SQL).
    /// - Throws: `JobError.templateNotFound` (also for an already deleted template).
    public func delete(_ id: TemplateID, in project: ProjectID, context: RequestContext) throws(JobError) {
        guard try repository.delete(id, project: project, context: context) else { throw .templateNotFound(id) }
    }

    /// A page of the project's live templates.
    public func list(_ query: TemplateListQuery, in project: ProjectID) throws(JobError) -> TemplatePage {
        try repository.list(query, project: project)
    }
}
