/// Template storage. Every call is scoped to one project: no method can see another project's rows,
/// and deleted templates are invisible to all of them.
///
/// Asynchronous only, like `JobRepository`: each method hands its outcome to `completion` exactly once,
/// possibly on another thread and possibly before returning; callers that must wait use `Completion.wait`.
///
/// Implementations map their own failures to `JobError` in one place (`storeUnavailable` when the
/// store cannot be reached, `templateNameAlreadyExists` for a duplicate live name, `internalError` otherwise).
///
/// A write whose `context.audit` is set may record that audit event in the write's own transaction; an
/// implementation that does sets `context.audit.recorded` once such a write committed and changed a row
/// (then the API writes no second event). One that does not leaves the marker unset, and the API
/// records the event separately.
public protocol TemplateRepository: Sendable {
    /// Stores a new template unless the project already has `maxPerProject` live ones; concurrent
    /// inserts into one project cannot exceed the cap together.
    /// - Parameter completion: the stored template, or nil when the project is at the cap (nothing was written).
    func insert(
        _ template: NewTemplate, project: ProjectID, maxPerProject: Int, context: RequestContext,
        completion: @escaping @Sendable (Result<Template?, JobError>) -> Void)

    /// Completes with the live template with this id in this project, or nil.
    func find(_ id: TemplateID, project: ProjectID, completion: @escaping @Sendable (Result<Template?, JobError>) -> Void)

    /// Applies `changes` to the live template with this id.
    /// - Parameter completion: the new update time in epoch milliseconds, or nil when there is no such
    ///   live template.
    func update(
        _ id: TemplateID, changes: TemplateChanges, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Int64?, JobError>) -> Void)

    /// Soft-deletes the live template with this id (the row is kept).
    /// - Parameter completion: whether a live template was deleted (false when none exists).
    func delete(
        _ id: TemplateID, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Bool, JobError>) -> Void)

    /// Completes with a page of live templates matching `query`, and the number of all matches.
    func list(
        _ query: TemplateListQuery, project: ProjectID, completion: @escaping @Sendable (Result<TemplatePage, JobError>) -> Void)
}
