import JobDomain

/// The request bodies and query of the template APIs (dli-api.md §3.16) as domain values.
enum TemplateRequests {
    typealias L = TemplateLimits

    /// `POST …/job-templates`: `name` required; `desc`, `sql_body`, `tags`, `job_type` optional.
    static func create(_ r: FieldReader) throws(APIError) -> NewTemplate {
        var template = NewTemplate(name: try r.requiredString("name", length: L.nameLength))
        template.description = try r.string("desc", length: 0...L.descriptionMaxLength) ?? ""
        template.sqlBody = try r.string("sql_body", length: 0...L.sqlBodyMaxLength) ?? ""
        template.jobType = try r.choice("job_type", TemplateJobType.self) ?? .flinkSQL
        template.tags = try JobConfigFields.tags(r) ?? []
        return template
    }

    /// `PUT …/job-templates/{template_id}`: every field optional; an empty `name` means "unchanged"
    /// (OTC documents 0–64 characters), while an empty `desc` or `sql_body` clears the field.
    static func update(_ r: FieldReader) throws(APIError) -> TemplateChanges {
        var changes = TemplateChanges()
        if let name = try r.string("name", length: 0...L.nameLength.upperBound, singleLine: true), !name.isEmpty {
            changes.name = name
        }
        changes.description = try r.string("desc", length: 0...L.descriptionMaxLength)
        changes.sqlBody = try r.string("sql_body", length: 0...L.sqlBodyMaxLength)
        return changes
    }

    /// `GET …/job-templates?name=&tags=k=v,k2=v2&offset=&limit=&order=asc|desc`.
    static func list(_ q: QueryParameters) throws(APIError) -> TemplateListQuery {
        var query = TemplateListQuery()
        query.name = try q.string("name", maxLength: L.nameLength.upperBound)
        query.tags = try JobEndpoints.tagsFilter(try q.string("tags", maxLength: 4096))
        switch try q.string("order", maxLength: 4) {
        case nil, "desc": query.ascending = false
        case "asc": query.ascending = true
        default: throw .invalidParameter("order", "must be asc or desc")
        }
        query.offset = try q.int("offset", range: 0...Int64.max) ?? 0
        let limits = L.listLimit
        query.limit = Int(
            try q.int("limit", range: Int64(limits.lowerBound)...Int64(limits.upperBound)) ?? Int64(L.listDefaultLimit))
        return query
    }
}
