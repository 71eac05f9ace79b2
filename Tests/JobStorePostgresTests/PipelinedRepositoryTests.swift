import Dispatch
import JobDomain
import JobStorePostgres
import Logging
import PostgresClient
import Synchronization
import Testing
import TestSupport

/// The repository calls on pipeline sessions: `find` reads what `find` on a pooled connection reads
/// (nil for another project's job and for a deleted one, right answers under concurrency); the service's
/// create and delete run through them end to end, and racing deletes record exactly one transition.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct PipelinedRepositoryTests {
    let fixture: StoreFixture
    let pipelines: PGPipelineGroup
    let repository: PostgresJobRepository

    init() throws {
        fixture = try StoreFixture()
        pipelines = PGPipelineGroup(conninfo: try TestDatabase.migrated(), threads: 2, sessionsPerThread: 2)
        repository = PostgresJobRepository(pool: fixture.pool, pipelines: pipelines, logger: Logger(label: "test"))
    }

    /// A pipelined find, waited for.
    private func find(_ id: JobID, _ project: ProjectID) throws(JobError) -> Job? {
        try Completion.wait { repository.find(id, project: project, completion: $0) }
    }

    @Test func readsWhatThePooledFindReadsAndNothingOfOtherProjectsOrDeletedJobs() throws {
        defer { pipelines.close() }
        let project = StoreFixture.uniqueProject()
        let job = try fixture.makeJob(project)
        #expect(try find(job.id, project) == (try Completion.wait { fixture.repository.find(job.id, project: project, completion: $0) }))
        #expect(try find(job.id, project)?.name == job.name)
        #expect(try find(job.id, StoreFixture.uniqueProject("other")) == nil)
        _ = try Completion.wait { fixture.service.delete(job.id, in: project, context: fixture.context, completion: $0) }
        #expect(try find(job.id, project) == nil)
    }

    @Test func manyConcurrentReadsGetTheirOwnJobs() throws {
        defer { pipelines.close() }
        let project = StoreFixture.uniqueProject()
        let jobs = try (0..<20).map { _ in try fixture.makeJob(project) }
        let wrong = Atomic<Int>(0)
        onThreads(4) { thread in
            let group = DispatchGroup()
            for round in 0..<50 {
                let job = jobs[(thread * 7 + round) % jobs.count]
                group.enter()
                repository.find(job.id, project: project) { outcome in
                    if (try? outcome.get())??.name != job.name { wrong.add(1, ordering: .relaxed) }
                    group.leave()
                }
            }
            group.wait()
        }
        #expect(wrong.load(ordering: .relaxed) == 0)
    }

    @Test func createAndDeleteRunThroughThePipelinesAndDeletesStayIdempotent() throws {
        defer { pipelines.close() }
        let service = JobService(repository: repository)
        let project = StoreFixture.uniqueProject()
        var newJob = NewJob(name: "piped", jobType: .flinkOpenSourceSQL)
        newJob.sqlBody = "SELECT 1"
        let job = try Completion.wait { service.create(newJob, in: project, context: fixture.context, completion: $0) }
        #expect(try Completion.wait { fixture.repository.find(job.id, project: project, completion: $0) }?.name == "piped")
        #expect(throws: JobError.nameAlreadyExists("piped")) {
            try Completion.wait { service.create(newJob, in: project, context: fixture.context, completion: $0) }
        }

        let first = try Completion.wait { service.delete(job.id, in: project, context: fixture.context, completion: $0) }
        guard case .deleted(let transition) = first else {
            Issue.record("the first delete deletes")
            return
        }
        #expect(transition.softDeletes)
        let second = try Completion.wait { service.delete(job.id, in: project, context: fixture.context, completion: $0) }
        #expect(second == .alreadyDeleted)
        #expect(throws: JobError.jobNotFound(JobID(999_999_999)!)) {
            try Completion.wait { service.delete(JobID(999_999_999)!, in: project, context: fixture.context, completion: $0) }
        }
    }

    @Test func racingDeletesThroughThePipelinesRecordOneTransition() throws {
        defer { pipelines.close() }
        let service = JobService(repository: repository)
        let project = StoreFixture.uniqueProject()
        let job = try fixture.makeJob(project)
        let deleted = Atomic<Int>(0)
        let failed = Atomic<Int>(0)
        onThreads(6) { _ in
            do {
                switch try Completion.wait({ service.delete(job.id, in: project, context: fixture.context, completion: $0) }) {
                case .deleted: deleted.add(1, ordering: .relaxed)
                case .alreadyDeleted: break
                }
            } catch {
                failed.add(1, ordering: .relaxed)
            }
        }
        #expect(deleted.load(ordering: .relaxed) == 1)
        #expect(failed.load(ordering: .relaxed) == 0)
        let journal = try fixture.rows(
            PGStatement(name: "test.piped.journal", sql: "SELECT count(*) FROM job_journal WHERE project_id = $1 AND job_id = $2 AND deleted"),
            [project.rawValue, job.id.rawValue])
        #expect(journal == [["1"]])
    }
}
