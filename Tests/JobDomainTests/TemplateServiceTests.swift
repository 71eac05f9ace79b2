import Synchronization
import Testing

@testable import JobDomain

/// The template service over an in-memory fake store (PostgreSQL is exercised end to end by
/// StreamJobsAppTests.TemplateAPITests): the cap, not-found, and `template_id` filling a job's SQL.
@Suite struct TemplateServiceTests {
    let project = ProjectID("p1")!
    let context = RequestContext(requestID: "r", actor: "t")

    @Test func theCapIsAQuotaErrorAndDeletedTemplatesDoNotCount() throws {
        let store = FakeTemplateStore()
        let service = TemplateService(repository: store, maxPerProject: 2)
        let first = try Completion.wait { service.create(NewTemplate(name: "a"), in: project, context: context, completion: $0) }
        _ = try Completion.wait { service.create(NewTemplate(name: "b"), in: project, context: context, completion: $0) }
        #expect(throws: JobError.quotaExceeded(resource: "template", limit: 2)) {
            try Completion.wait { service.create(NewTemplate(name: "c"), in: project, context: context, completion: $0) }
        }
        try Completion.wait { service.delete(first.id, in: project, context: context, completion: $0) }
        #expect(throws: Never.self) { try Completion.wait { service.create(NewTemplate(name: "c"), in: project, context: context, completion: $0) } }
    }

    @Test func unknownAndDeletedTemplatesAreNotFound() throws {
        let service = TemplateService(repository: FakeTemplateStore())
        let id = try Completion.wait { service.create(NewTemplate(name: "a"), in: project, context: context, completion: $0) }.id
        try Completion.wait { service.delete(id, in: project, context: context, completion: $0) }
        #expect(throws: JobError.templateNotFound(id)) { try Completion.wait { service.delete(id, in: project, context: context, completion: $0) } }
        #expect(throws: JobError.templateNotFound(id)) { try Completion.wait { service.update(id, TemplateChanges(), in: project, context: context, completion: $0) } }
        #expect(throws: JobError.templateNotFound(id)) { try Completion.wait { service.template(id, in: project, completion: $0) } }
        let other = ProjectID("p2")!
        let live = try Completion.wait { service.create(NewTemplate(name: "b"), in: project, context: context, completion: $0) }.id
        #expect(throws: JobError.templateNotFound(live)) { try Completion.wait { service.template(live, in: other, completion: $0) } }
    }

    @Test func aTemplateFillsAMissingSQLBodyOnJobCreation() throws {
        let store = FakeTemplateStore()
        var source = NewTemplate(name: "t")
        source.sqlBody = "SELECT 42"
        let template = try Completion.wait { TemplateService(repository: store).create(source, in: project, context: context, completion: $0) }
        let jobs = JobService(repository: FakeRepository(), templates: store)

        var fromTemplate = NewJob(name: "a", jobType: .flinkSQL)
        fromTemplate.templateID = template.id.rawValue
        #expect(try Completion.wait { jobs.create(fromTemplate, in: project, context: context, completion: $0) }.sqlBody == "SELECT 42")

        var both = NewJob(name: "b", jobType: .flinkSQL)
        both.templateID = template.id.rawValue
        both.sqlBody = "SELECT 1"
        #expect(try Completion.wait { jobs.create(both, in: project, context: context, completion: $0) }.sqlBody == "SELECT 1")

        var unknown = NewJob(name: "c", jobType: .flinkSQL)
        unknown.templateID = 999
        #expect(throws: JobError.invalidParameter(name: "template_id", reason: "no template 999 exists in this project")) {
            try Completion.wait { jobs.create(unknown, in: project, context: context, completion: $0) }
        }
        var elsewhere = fromTemplate
        elsewhere.name = "d"
        #expect(throws: JobError.self) { try Completion.wait { jobs.create(elsewhere, in: ProjectID("p2")!, context: context, completion: $0) } }
    }
}

/// Templates in memory; deleted ones are kept but invisible, as in PostgreSQL. Every call completes
/// before returning.
final class FakeTemplateStore: TemplateRepository, Sendable {
    private let state = Mutex<(next: Int64, rows: [(template: Template, deleted: Bool)])>((1, []))

    func insert(
        _ t: NewTemplate, project: ProjectID, maxPerProject: Int, context: RequestContext,
        completion: @escaping @Sendable (Result<Template?, JobError>) -> Void
    ) {
        completion(state.withLock { s -> Result<Template?, JobError> in
            let live = s.rows.filter { $0.template.projectID == project && !$0.deleted }
            if live.contains(where: { $0.template.name == t.name }) { return .failure(.templateNameAlreadyExists(t.name)) }
            guard live.count < maxPerProject else { return .success(nil) }
            let template = Template(
                projectID: project, id: TemplateID(s.next)!, name: t.name, description: t.description, sqlBody: t.sqlBody,
                jobType: t.jobType, tags: t.tags, createdAtMillis: s.next, updatedAtMillis: s.next)
            s.next += 1
            s.rows.append((template, false))
            return .success(template)
        })
    }

    func find(_ id: TemplateID, project: ProjectID, completion: @escaping @Sendable (Result<Template?, JobError>) -> Void) {
        completion(.success(state.withLock { s in s.rows.first { $0.template.id == id && $0.template.projectID == project && !$0.deleted }?.template }))
    }

    func update(
        _ id: TemplateID, changes: TemplateChanges, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Int64?, JobError>) -> Void
    ) {
        completion(.success(state.withLock { s -> Int64? in
            guard let i = s.rows.firstIndex(where: { $0.template.id == id && $0.template.projectID == project && !$0.deleted }) else { return nil }
            if let name = changes.name { s.rows[i].template.name = name }
            if let d = changes.description { s.rows[i].template.description = d }
            if let sql = changes.sqlBody { s.rows[i].template.sqlBody = sql }
            return s.rows[i].template.updatedAtMillis
        }))
    }

    func delete(
        _ id: TemplateID, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Bool, JobError>) -> Void
    ) {
        completion(.success(state.withLock { s -> Bool in
            guard let i = s.rows.firstIndex(where: { $0.template.id == id && $0.template.projectID == project && !$0.deleted }) else { return false }
            s.rows[i].deleted = true
            return true
        }))
    }

    func list(_ query: TemplateListQuery, project: ProjectID, completion: @escaping @Sendable (Result<TemplatePage, JobError>) -> Void) {
        completion(.success(state.withLock { s in
            let live = s.rows.filter { $0.template.projectID == project && !$0.deleted }.map(\.template)
            return TemplatePage(totalCount: Int64(live.count), templates: Array(live.prefix(query.limit)))
        }))
    }
}
