import Synchronization
import Testing

@testable import JobDomain

/// The service layer over an in-memory fake repository (the fake stands in for PostgreSQL, which
/// JobStorePostgresTests exercise for real); these tests cover the service's own logic only.
@Suite struct JobServiceOverFakeRepositoryTests {
    let project = ProjectID("p1")!
    let context = RequestContext(requestID: "r", actor: "t")

    @Test func deleteOfUnknownJobIsNotFound() {
        let service = JobService(repository: FakeRepository())
        #expect(throws: JobError.jobNotFound(JobID(7)!)) { try Completion.wait { service.delete(JobID(7)!, in: project, context: context, completion: $0) } }
    }

    @Test func deleteTwiceIsIdempotent() throws {
        let repo = FakeRepository()
        let service = JobService(repository: repo)
        let job = try Completion.wait { service.create(NewJob(name: "a", jobType: .flinkSQL), in: project, context: context, completion: $0) }
        #expect(try Completion.wait { service.delete(job.id, in: project, context: context, completion: $0) } == .deleted(Transition(command: .delete, from: .jobInit, to: .jobInit, engineWork: nil, softDeletes: true)))
        #expect(try Completion.wait { service.delete(job.id, in: project, context: context, completion: $0) } == .alreadyDeleted)
        #expect(throws: JobError.jobNotFound(job.id)) { try Completion.wait { service.job(job.id, in: project, completion: $0) } }
        #expect(repo.commits == 1)
    }

    @Test func conflictsAreRetried() throws {
        let repo = FakeRepository()
        let service = JobService(repository: repo)
        let job = try Completion.wait { service.create(NewJob(name: "a", jobType: .flinkSQL), in: project, context: context, completion: $0) }
        repo.conflictsToInject = 3
        #expect(throws: Never.self) { try Completion.wait { service.delete(job.id, in: project, context: context, completion: $0) } }
        repo.conflictsToInject = 100
        let other = try Completion.wait { service.create(NewJob(name: "b", jobType: .flinkSQL), in: project, context: context, completion: $0) }
        #expect(throws: JobError.concurrentModification(other.id)) { try Completion.wait { service.delete(other.id, in: project, context: context, completion: $0) } }
    }

    @Test func illegalCommandsChangeNothing() throws {
        let repo = FakeRepository()
        let service = JobService(repository: repo)
        let job = try Completion.wait { service.create(NewJob(name: "a", jobType: .flinkSQL), in: project, context: context, completion: $0) }
        #expect(throws: JobError.self) { try Completion.wait { service.apply(.stop(triggerSavepoint: false), to: job.id, in: project, context: context, completion: $0) } }
        #expect(repo.commits == 0)
    }
}

/// An in-memory JobRepository for service-layer tests only.
final class FakeRepository: JobRepository, @unchecked Sendable {  // guarded by `lock`; test-only
    private let lock = Mutex(())
    nonisolated(unsafe) private var jobs: [JobID: (Job, Bool)] = [:]
    nonisolated(unsafe) var commits = 0
    nonisolated(unsafe) var conflictsToInject = 0
    nonisolated(unsafe) private var nextID: Int64 = 1

    // Every call completes before returning.

    func insert(
        _ job: NewJob, project: ProjectID, context: RequestContext,
        completion: @escaping @Sendable (Result<Job, JobError>) -> Void
    ) {
        let stored = lock.withLock { _ in
            let id = JobID(nextID)!
            nextID += 1
            let stored = Job(projectID: project, id: id, name: job.name, description: job.description, jobType: job.jobType, status: .jobInit, statusDescription: "", queueName: nil, userName: nil, runMode: job.runMode, sqlBody: job.sqlBody, templateID: nil, config: job.config, tags: job.tags, edgeGroupIDs: [], rootID: -1, hasSavepoint: false, savepointPath: nil, createdAtMillis: 0, updatedAtMillis: 0, startedAtMillis: nil, version: 1)
            jobs[id] = (stored, false)
            return stored
        }
        completion(.success(stored))
    }
    func find(_ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<Job?, JobError>) -> Void) {
        completion(.success(lock.withLock { _ in jobs[id].flatMap { $0.1 || $0.0.projectID != project ? nil : $0.0 } }))
    }
    func snapshot(_ id: JobID, project: ProjectID, completion: @escaping @Sendable (Result<JobSnapshot?, JobError>) -> Void) {
        completion(.success(lock.withLock { _ in jobs[id].flatMap { $0.0.projectID == project ? JobSnapshot(status: $0.0.status, version: $0.0.version, isDeleted: $0.1) : nil } }))
    }
    func update(
        _ id: JobID, project: ProjectID, definition: NewJob, transition: Transition, expectedVersion: Int64, context: RequestContext,
        completion: @escaping @Sendable (Result<(CommitOutcome, updatedAtMillis: Int64), JobError>) -> Void
    ) {
        completion(.success((commit(transition, job: id, expectedVersion: expectedVersion), 0)))
    }
    func list(_ query: JobListQuery, project: ProjectID, completion: @escaping @Sendable (Result<JobPage<JobSummary>, JobError>) -> Void) {
        completion(.success(JobPage(totalCount: 0, jobs: [])))
    }
    func listDetails(_ query: JobListQuery, project: ProjectID, completion: @escaping @Sendable (Result<JobPage<Job>, JobError>) -> Void) {
        completion(.success(JobPage(totalCount: 0, jobs: [])))
    }
    func commit(
        _ t: Transition, job id: JobID, project: ProjectID, expectedVersion: Int64, changes: JobFieldChanges, context: RequestContext,
        completion: @escaping @Sendable (Result<CommitOutcome, JobError>) -> Void
    ) {
        completion(.success(commit(t, job: id, expectedVersion: expectedVersion)))
    }
    private func commit(_ t: Transition, job id: JobID, expectedVersion: Int64) -> CommitOutcome {
        lock.withLock { _ in
            if conflictsToInject > 0 { conflictsToInject -= 1; return .versionConflict }
            guard var (job, deleted) = jobs[id], !deleted, job.version == expectedVersion else { return .versionConflict }
            job.status = t.to
            job.version += 1
            deleted = t.softDeletes
            jobs[id] = (job, deleted)
            commits += 1
            return .applied(version: job.version)
        }
    }
}

@Suite struct RuntimeSafeChangesTests {
    @Test func onlyAlarmRestartAndBucketAreSafe() {
        var current = NewJob(name: "a", jobType: .flinkSQL)
        current.sqlBody = "SELECT 1"
        var safe = current
        safe.config.smnTopic = "t"
        safe.config.restartWhenException = true
        safe.config.resumeMaxNum = 3
        safe.config.obsBucket = "b"
        #expect(safe.changesOnlyRuntimeSafeFields(comparedTo: current))
        #expect(current.changesOnlyRuntimeSafeFields(comparedTo: current))
        var unsafe = current
        unsafe.sqlBody = "SELECT 2"
        #expect(!unsafe.changesOnlyRuntimeSafeFields(comparedTo: current))
        var renamed = current
        renamed.name = "b"
        #expect(!renamed.changesOnlyRuntimeSafeFields(comparedTo: current))
    }
}
