import Dispatch
import JobDomain
import JobStorePostgres
import Logging
import PostgresClient
import Synchronization
import Testing
import TestSupport

/// `find(_:project:completion:)` on pipeline sessions: the same job the blocking `find` reads, nil for
/// another project's job and for a deleted one, and right answers for many concurrent reads.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct PipelinedFindTests {
    let fixture: StoreFixture
    let pipelines: PGPipelineGroup
    let repository: PostgresJobRepository

    init() throws {
        fixture = try StoreFixture()
        pipelines = PGPipelineGroup(conninfo: try TestDatabase.migrated(), count: 2)
        repository = PostgresJobRepository(pool: fixture.pool, pipelines: pipelines, logger: Logger(label: "test"))
    }

    /// The outcome of a pipelined find, waited for.
    private func find(_ id: JobID, _ project: ProjectID) -> Result<Job?, JobError> {
        let box = Mutex<Result<Job?, JobError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        repository.find(id, project: project) { outcome in
            box.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return box.withLock { $0! }
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
}
