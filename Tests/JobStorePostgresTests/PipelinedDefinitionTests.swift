import JobDomain
import JobStorePostgres
import Logging
import PostgresClient
import Testing
import TestSupport

/// The calls that were blocking-only before they became pipeline units: a job's update and
/// overwrite, both lists, and every template call, end to end through pipeline sessions.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct PipelinedDefinitionTests {
    let fixture: StoreFixture
    let pipelines: PGPipelineGroup

    init() throws {
        fixture = try StoreFixture()
        pipelines = PGPipelineGroup(conninfo: try TestDatabase.migrated(), threads: 2, sessionsPerThread: 2)
    }

    @Test func updatesAndListsOfJobsRunAsUnits() throws {
        defer { pipelines.close() }
        let service = JobService(
            repository: PostgresJobRepository(pool: fixture.pool, pipelines: pipelines, logger: Logger(label: "test")))
        let project = StoreFixture.uniqueProject()
        let job = try fixture.makeJob(project, name: "before")
        let other = try fixture.makeJob(project, name: "taken")
        _ = try Completion.wait {
            service.update(job.id, in: project, context: fixture.context, edit: { current in
                var definition = current.definition
                definition.name = "after"
                return definition
            }, completion: $0)
        }
        #expect(try Completion.wait { service.job(job.id, in: project, completion: $0) }.name == "after")
        #expect(throws: JobError.nameAlreadyExists("taken")) {
            try Completion.wait {
                service.overwrite(job.id, in: project, with: other.definition, context: fixture.context, completion: $0)
            }
        }
        var query = JobListQuery()
        query.ascending = true
        let summaries = try Completion.wait { service.list(query, in: project, completion: $0) }
        #expect(summaries.totalCount == 2 && summaries.jobs.map(\.name) == ["after", "taken"])
        let details = try Completion.wait { service.listDetails(query, in: project, completion: $0) }
        #expect(details.jobs.map(\.sqlBody) == ["SELECT 1", "SELECT 1"])
    }

    @Test func templateCallsRunAsUnits() throws {
        defer { pipelines.close() }
        let service = TemplateService(
            repository: PostgresTemplateRepository(pool: fixture.pool, pipelines: pipelines, logger: Logger(label: "test")),
            maxPerProject: 2)
        let project = StoreFixture.uniqueProject()
        let context = fixture.context
        let first = try Completion.wait { service.create(NewTemplate(name: "a"), in: project, context: context, completion: $0) }
        _ = try Completion.wait { service.create(NewTemplate(name: "b"), in: project, context: context, completion: $0) }
        #expect(throws: JobError.quotaExceeded(resource: "template", limit: 2)) {
            try Completion.wait { service.create(NewTemplate(name: "c"), in: project, context: context, completion: $0) }
        }
        #expect(throws: JobError.templateNameAlreadyExists("b")) {
            try Completion.wait { service.update(first.id, TemplateChanges(name: "b"), in: project, context: context, completion: $0) }
        }
        _ = try Completion.wait { service.update(first.id, TemplateChanges(name: "a2"), in: project, context: context, completion: $0) }
        #expect(try Completion.wait { service.template(first.id, in: project, completion: $0) }.name == "a2")
        try Completion.wait { service.delete(first.id, in: project, context: context, completion: $0) }
        #expect(throws: JobError.templateNotFound(first.id)) {
            try Completion.wait { service.delete(first.id, in: project, context: context, completion: $0) }
        }
        let page = try Completion.wait { service.list(TemplateListQuery(), in: project, completion: $0) }
        #expect(page.totalCount == 1 && page.templates.map(\.name) == ["b"])
    }
}
