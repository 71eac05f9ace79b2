import Dispatch
import JobDomain
import JobStorePostgres
import Logging
import PostgresClient
import Synchronization
import Testing
import TestSupport

/// The non-blocking repository calls on pipeline sessions: `find` reads what the blocking `find` reads
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

    /// The outcome of a pipelined find, waited for.
    private func find(_ id: JobID, _ project: ProjectID) -> Result<Job?, JobError> {
        waitForCompletion { done in repository.find(id, project: project, completion: done) }
    }

    @Test func readsWhatTheBlockingFindReadsAndNothingOfOtherProjectsOrDeletedJobs() throws {
        defer { pipelines.close() }
        let project = StoreFixture.uniqueProject()
        let job = try fixture.makeJob(project)
        #expect(try find(job.id, project).get() == (try fixture.repository.find(job.id, project: project)))
        #expect(try find(job.id, project).get()?.name == job.name)
        #expect(try find(job.id, StoreFixture.uniqueProject("other")).get() == nil)
        _ = try fixture.service.delete(job.id, in: project, context: fixture.context)
        #expect(try find(job.id, project).get() == nil)
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

    /// Waits for a completion-style call.
    private func wait<T: Sendable>(_ work: (@escaping @Sendable (T) -> Void) -> Void) -> T {
        waitForCompletion(work)
    }

    @Test func createAndDeleteRunThroughThePipelinesAndDeletesStayIdempotent() throws {
        defer { pipelines.close() }
        let service = JobService(repository: repository)
        let project = StoreFixture.uniqueProject()
        var newJob = NewJob(name: "piped", jobType: .flinkOpenSourceSQL)
        newJob.sqlBody = "SELECT 1"
        let job = try wait { done in service.create(newJob, in: project, context: fixture.context, completion: done) }.get()
        #expect(try fixture.repository.find(job.id, project: project)?.name == "piped")
        let duplicate = wait { done in service.create(newJob, in: project, context: fixture.context, completion: done) }
        #expect(throws: JobError.nameAlreadyExists("piped")) { try duplicate.get() }

        let first = try wait { done in service.delete(job.id, in: project, context: fixture.context, completion: done) }.get()
        guard case .deleted(let transition) = first else {
            Issue.record("the first delete deletes")
            return
        }
        #expect(transition.softDeletes)
        let second = try wait { done in service.delete(job.id, in: project, context: fixture.context, completion: done) }.get()
        #expect(second == .alreadyDeleted)
        let missing = wait { done in service.delete(JobID(999_999_999)!, in: project, context: fixture.context, completion: done) }
        #expect(throws: JobError.jobNotFound(JobID(999_999_999)!)) { try missing.get() }
    }

    @Test func racingDeletesThroughThePipelinesRecordOneTransition() throws {
        defer { pipelines.close() }
        let service = JobService(repository: repository)
        let project = StoreFixture.uniqueProject()
        let job = try fixture.makeJob(project)
        let deleted = Atomic<Int>(0)
        let failed = Atomic<Int>(0)
        onThreads(6) { _ in
            switch waitForCompletion({ done in service.delete(job.id, in: project, context: fixture.context, completion: done) }) {
            case .success(.deleted): deleted.add(1, ordering: .relaxed)
            case .success(.alreadyDeleted): break
            case .failure: failed.add(1, ordering: .relaxed)
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
