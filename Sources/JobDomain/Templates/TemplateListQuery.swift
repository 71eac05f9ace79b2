/// A page of a project's live templates, filtered (dli-api.md §3.16 "List"). Every filter is optional.
public struct TemplateListQuery: Sendable, Equatable {
    /// Case-insensitive substring of the template name ("fuzzy").
    public var name: String? = nil
    /// Templates carrying every one of these tags.
    public var tags: [JobTag] = []
    /// Oldest first when true; DLI's default is newest first.
    public var ascending = false
    public var offset: Int64 = 0
    public var limit = TemplateLimits.listDefaultLimit

    public init() {}
}

/// One page of templates and how many templates match the filter in all (ignoring offset and limit).
public struct TemplatePage: Sendable, Equatable {
    public var totalCount: Int64
    public var templates: [Template]

    public init(totalCount: Int64, templates: [Template]) {
        self.totalCount = totalCount
        self.templates = templates
    }
}
