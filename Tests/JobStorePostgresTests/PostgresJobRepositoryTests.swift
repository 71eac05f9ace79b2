import JobDomain
import JobStorePostgres
import PostgresClient
import Testing
import TestSupport

@Suite(.enabled(if: TestDatabase.isConfigured)) struct PostgresJobRepositoryTests {
    let f: StoreFixture
    init() throws { f = try StoreFixture() }

    static let journal = PGStatement(
        name: "test_journal",
        sql: "SELECT version, event, from_status, to_status, deleted, engine_work, request_id, actor FROM job_journal WHERE project_id = $1 AND job_id = $2 ORDER BY version")
    static let row = PGStatement(
        name: "test_job_row",
        sql: "SELECT status, deleted_at IS NOT NULL, deleted_by, deleted_request_id, status_at_delete, version FROM jobs WHERE project_id = $1 AND job_id = $2")
    static let work = PGStatement(
        name: "test_engine_work",
        sql: "SELECT kind, job_version FROM engine_work WHERE project_id = $1 AND job_id = $2")

    @Test func insertAndFindRoundTripEveryField() throws {
        let p = StoreFixture.uniqueProject()
        var new = NewJob(name: "roundtrip", jobType: .flinkSQL)
        new.description = "tab\there \"quoted\" é"
        new.queueName = "q1"
        new.userName = "alice"
        new.runMode = .exclusiveCluster
        new.sqlBody = "CREATE TABLE a (x INT); INSERT INTO b SELECT ';' FROM a"
        new.templateID = 42
        new.tags = [JobTag(key: "k", value: "v"), JobTag(key: "k2", value: "\"q\"")]
        new.edgeGroupIDs = ["g1", "g,2"]
        var c = JobConfig()
        c.cuNumber = 8; c.parallelNumber = 3; c.managerCuNumber = 2; c.tmCus = 2; c.tmSlotNum = 4
        c.checkpointEnabled = true; c.checkpointMode = .atLeastOnce; c.checkpointInterval = 60
        c.obsBucket = "bucket"; c.logEnabled = true; c.smnTopic = "topic"; c.restartWhenException = true
        c.idleStateRetention = 7200; c.dirtyDataStrategy = "2:obs://x/y"; c.udfJarURL = "obs://b/udf.jar"
        c.resumeCheckpoint = true; c.resumeMaxNum = 5; c.runtimeConfig = "[{\"key\":\"a\",\"value\":\"b\"}]"
        c.flinkVersion = "1.15"; c.executionAgencyURN = "agency"; c.resourceConfigVersion = "v2"
        c.resourceConfigJSON = "{\"max_slot\": 2}"; c.flinkLogConfig = "{}"
        new.config = c
        let job = try Completion.wait { f.repository.insert(new, project: p, context: f.context, completion: $0) }
        #expect(job.status == .jobInit && job.version == 1 && job.projectID == p)
        #expect(job.createdAtMillis > 1_700_000_000_000 && job.updatedAtMillis >= job.createdAtMillis)
        let found = try #require(try Completion.wait { f.repository.find(job.id, project: p, completion: $0) })
        #expect(found == job)
        #expect(found.name == "roundtrip" && found.description == new.description && found.sqlBody == new.sqlBody)
        #expect(found.tags == new.tags && found.edgeGroupIDs == new.edgeGroupIDs && found.templateID == 42)
        var expected = c
        expected.resourceConfigJSON = "{\"max_slot\": 2}"
        #expect(found.config == expected)
        let journal = try f.rows(Self.journal, [p.rawValue, job.id.rawValue])
        #expect(journal.count == 1 && journal[0][1] == "create" && journal[0][3] == "job_init" && journal[0][6] == "req-test")
    }

    /// A list page's summaries (binary results) and details (text results) carry exactly what `find` reads.
    @Test func listSummariesAndDetailsAgreeWithFind() throws {
        let p = StoreFixture.uniqueProject()
        var new = NewJob(name: "listed é", jobType: .flinkSQL)
        new.description = "tab\there \"quoted\" 漢字"
        new.queueName = "q1"
        new.userName = "alice"
        new.runMode = .edgeNode
        new.tags = [JobTag(key: "k", value: "v"), JobTag(key: "k2", value: "\"q\" \\ \u{2028}")]
        new.edgeGroupIDs = ["g1", "g,2", ""]
        let job = try Completion.wait { f.repository.insert(new, project: p, context: f.context, completion: $0) }
        let plain = try f.makeJob(p, name: "plain")
        let snapshot = try #require(try Completion.wait { f.repository.snapshot(job.id, project: p, completion: $0) })
        let toRunning = Transition(command: .update(runtimeSafe: true), from: snapshot.status, to: .jobRunning, engineWork: nil)
        _ = try Completion.wait {
            f.repository.commit(
                toRunning, job: job.id, project: p, expectedVersion: snapshot.version,
                changes: JobFieldChanges(savepointPath: "obs://b/sp/1"), context: f.context, completion: $0)
        }
        _ = try f.rows(
            PGStatement(
                name: "test_set_started",
                sql: "UPDATE jobs SET started_at = now() - interval '1.2345 s' WHERE project_id = $1 AND job_id = $2 RETURNING 1"),
            [p.rawValue, job.id.rawValue])
        let found = try #require(try Completion.wait { f.repository.find(job.id, project: p, completion: $0) })
        #expect(found.startedAtMillis != nil)
        let plainFound = try #require(try Completion.wait { f.repository.find(plain.id, project: p, completion: $0) })

        var query = JobListQuery()
        query.ascending = true
        let summaries = try Completion.wait { f.repository.list(query, project: p, completion: $0) }
        #expect(summaries.totalCount == 2)
        #expect(summaries.jobs == [found.summary, plainFound.summary])
        #expect(summaries.jobs[0].hasSavepoint && summaries.jobs[0].savepointPath == "obs://b/sp/1")
        #expect(summaries.jobs[1].tags.isEmpty && summaries.jobs[1].edgeGroupIDs.isEmpty && summaries.jobs[1].startedAtMillis == nil)
        let details = try Completion.wait { f.repository.listDetails(query, project: p, completion: $0) }
        #expect(details.totalCount == 2 && details.jobs == [found, plainFound])
        query.status = .jobRunning
        #expect(try Completion.wait { f.repository.list(query, project: p, completion: $0) }.jobs.map(\.id) == [job.id])
    }

    @Test func duplicateLiveNameIsRefusedAndADeletedNameIsReusable() throws {
        let p = StoreFixture.uniqueProject()
        let first = try f.makeJob(p, name: "same")
        #expect(throws: JobError.nameAlreadyExists("same")) { try f.makeJob(p, name: "same") }
        // Another project may use the name.
        _ = try f.makeJob(StoreFixture.uniqueProject(), name: "same")
        _ = try Completion.wait { f.service.delete(first.id, in: p, context: f.context, completion: $0) }
        let again = try f.makeJob(p, name: "same")
        #expect(again.id != first.id)
    }

    @Test("delete from each of the 14 states", arguments: JobStatus.allCases)
    func deleteFromEachState(status: JobStatus) throws {
        let p = StoreFixture.uniqueProject()
        let job = try f.makeJob(p)
        if status != .jobInit { try f.force(job.id, in: p, to: status) }
        let outcome = try Completion.wait { f.service.delete(job.id, in: p, context: RequestContext(requestID: "del-1", actor: "bob"), completion: $0) }
        guard case .deleted(let t) = outcome else { Issue.record("not deleted"); return }
        #expect(t.from == status && t.softDeletes)
        // The row stays, marked deleted, with who, which request and the status it had.
        let row = try f.rows(Self.row, [p.rawValue, job.id.rawValue])
        #expect(row.count == 1)
        #expect(row[0][1] == "t" && row[0][2] == "bob" && row[0][3] == "del-1" && row[0][4] == status.rawValue)
        // One journal entry for the delete; engine work to stop it when it may be live.
        let journal = try f.rows(Self.journal, [p.rawValue, job.id.rawValue])
        let last = try #require(journal.last)
        #expect(last[1] == "delete" && last[2] == status.rawValue && last[4] == "t")
        #expect(last[5] == (status.mayBeLiveOnEngine ? "cancel" : nil))
        let work = try f.rows(Self.work, [p.rawValue, job.id.rawValue])
        #expect(work.count == (status.mayBeLiveOnEngine ? 1 : 0))
        // Gone from reads; a second delete is idempotent and records nothing.
        #expect(try Completion.wait { f.repository.find(job.id, project: p, completion: $0) } == nil)
        #expect(throws: JobError.jobNotFound(job.id)) { try Completion.wait { f.service.job(job.id, in: p, completion: $0) } }
        #expect(try Completion.wait { f.service.delete(job.id, in: p, context: f.context, completion: $0) } == .alreadyDeleted)
        #expect(try f.rows(Self.journal, [p.rawValue, job.id.rawValue]).count == journal.count)
    }

    @Test func anotherProjectCannotSeeOrChangeAJob() throws {
        let a = StoreFixture.uniqueProject("a")
        let b = StoreFixture.uniqueProject("b")
        let job = try f.makeJob(a)
        #expect(try Completion.wait { f.repository.find(job.id, project: b, completion: $0) } == nil)
        #expect(try Completion.wait { f.repository.snapshot(job.id, project: b, completion: $0) } == nil)
        #expect(throws: JobError.jobNotFound(job.id)) { try Completion.wait { f.service.delete(job.id, in: b, context: f.context, completion: $0) } }
        let t = Transition(command: .delete, from: .jobInit, to: .jobInit, engineWork: nil, softDeletes: true)
        #expect(try Completion.wait { f.repository.commit(t, job: job.id, project: b, expectedVersion: 1, changes: .none, context: f.context, completion: $0) } == .versionConflict)
        #expect(try Completion.wait { f.repository.find(job.id, project: a, completion: $0) }?.version == 1)
    }

    @Test func staleVersionCommitsNothing() throws {
        let p = StoreFixture.uniqueProject()
        let job = try f.makeJob(p)
        let t = Transition(command: .run(resumeSavepoint: false), from: .jobInit, to: .jobSubmitting, engineWork: .submit)
        #expect(try Completion.wait { f.repository.commit(t, job: job.id, project: p, expectedVersion: 1, changes: .none, context: f.context, completion: $0) } == .applied(version: 2))
        #expect(try Completion.wait { f.repository.commit(t, job: job.id, project: p, expectedVersion: 1, changes: .none, context: f.context, completion: $0) } == .versionConflict)
        #expect(try f.rows(Self.journal, [p.rawValue, job.id.rawValue]).count == 2)
        #expect(try f.rows(Self.work, [p.rawValue, job.id.rawValue]).map { $0[0] } == ["submit"])
    }

    @Test func concurrentDeletesRecordExactlyOneTransition() async throws {
        let p = StoreFixture.uniqueProject()
        let job = try f.makeJob(p)
        let service = f.service
        let context = f.context
        let outcomes = try await withThrowingTaskGroup(of: JobService.DeleteOutcome.self) { group in
            for _ in 0..<50 { group.addTask { try Completion.wait { service.delete(job.id, in: p, context: context, completion: $0) } } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { if case .deleted = $0 { true } else { false } }.count == 1)
        #expect(outcomes.filter { $0 == .alreadyDeleted }.count == 49)
        let deletes = try f.rows(Self.journal, [p.rawValue, job.id.rawValue]).filter { $0[1] == "delete" }
        #expect(deletes.count == 1)
    }
}
