import HTTPServer
import JSONCodec
import JobDomain

/// The Flink SQL job template endpoints (dli-api.md §3.16): decode and validate, call the service,
/// encode DLI's response with a boolean `is_success`.
struct TemplateEndpoints: Sendable {
    let service: TemplateService
    /// How request bodies are parsed (their JSON depth limit).
    var requestBody = RequestBody(maxDepth: DLIRequestLimits().jsonMaxDepth)

    /// `POST /v1.0/{project_id}/streaming/job-templates`
    func create(_ project: ProjectID, _ request: HTTPRequest, _ context: RequestContext) throws(APIError) -> HTTPResponse {
        let newTemplate = try TemplateRequests.create(try requestBody.object(of: request))
        let template = try awaitService { service.create(newTemplate, in: project, context: context, completion: $0) }
        return .json(status: 200, body: TemplateJSON.envelope(message: "The template is created successfully.", capacity: 256) { w in
            w.key("template")
            TemplateJSON.writeCreated(template, to: &w)
        })
    }

    /// `PUT /v1.0/{project_id}/streaming/job-templates/{template_id}`
    func update(_ project: ProjectID, _ id: TemplateID, _ request: HTTPRequest, _ context: RequestContext) throws(APIError)
        -> HTTPResponse
    {
        let changes = try TemplateRequests.update(try requestBody.object(of: request))
        _ = try awaitService { service.update(id, changes, in: project, context: context, completion: $0) }
        return .json(status: 200, body: TemplateJSON.envelope(message: "The template is updated successfully."))
    }

    /// `DELETE /v1.0/{project_id}/streaming/job-templates/{template_id}`: allowed even when jobs use it.
    func delete(_ project: ProjectID, _ id: TemplateID, _ context: RequestContext) throws(APIError) -> HTTPResponse {
        try awaitService { service.delete(id, in: project, context: context, completion: $0) }
        return .json(status: 200, body: TemplateJSON.envelope(message: "The template is deleted successfully.") { w in
            w.key("template")
            w.beginObject()
            w.key("template_id"); w.int(id.rawValue)
            w.endObject()
        })
    }

    /// `GET /v1.0/{project_id}/streaming/job-templates`. An offset past the end is an empty page.
    func list(_ project: ProjectID, _ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        let query = try TemplateRequests.list(QueryParameters(request))
        let page = try awaitService { service.list(query, in: project, completion: $0) }
        let capacity = 256 + page.templates.reduce(0) { $0 + 256 + $1.sqlBody.utf8.count + $1.description.utf8.count }
        return .json(status: 200, body: TemplateJSON.envelope(message: "The template list is queried successfully.", capacity: capacity) { w in
            w.key("template_list")
            w.beginObject()
            w.key("total_count"); w.int(page.totalCount)
            w.key("templates")
            w.beginArray()
            for template in page.templates { TemplateJSON.writeListItem(template, to: &w) }
            w.endArray()
            w.endObject()
        })
    }
}
