import JobDomain
import JobStorePostgres
import Logging
import PostgresClient
import Testing
import TestSupport

/// The alarm outbox on real PostgreSQL, as the runtime role (row-level security applies): an engine
/// transition into a failure status records one alarm in the same statement for a job with an
/// `smn_topic`, none without one or when the transition loses its version race; claims hold a lease,
/// failures and deliveries are recorded, and a job's alarms are read only in its own project.
@Suite(.enabled(if: TestDatabase.isConfigured), .serialized)
final class PostgresAlarmOutboxTests {
    let databaseURL: String
    let pool: PGPool
    let service: JobService
    let queue: PostgresEngineWorkQueue
    let outbox: PostgresAlarmOutbox
    let context = RequestContext(requestID: "req-alarm", actor: "tester")

    /// A database of its own, so no other suite's claims see these alarms.
    init() throws {
        databaseURL = try TestDatabase.create(label: "alarms")
        try TestDatabase.migrate(databaseURL)
        pool = PGPool(conninfo: try TestDatabase.appURL(for: databaseURL), size: 4)
        service = JobService(repository: PostgresJobRepository(pool: pool, logger: Logger(label: "test")))
        queue = PostgresEngineWorkQueue(pool: pool, logger: Logger(label: "test"))
        outbox = PostgresAlarmOutbox(pool: pool, logger: Logger(label: "test"))
    }

    deinit {
        pool.close()
        TestDatabase.drop(databaseURL)
    }

    /// A job of `project` with `topic`, asked to run (so it is `job_submitting`); its engine record.
    func submittingJob(_ project: ProjectID, topic: String?) throws -> EngineJobRecord {
        var job = NewJob(name: "alarm-\(UInt32.random(in: 0...UInt32.max))", jobType: .flinkOpenSourceSQL)
        job.sqlBody = "SELECT 1"
        job.config.smnTopic = topic
        let created = try Completion.wait { service.create(job, in: project, context: context, completion: $0) }
        _ = try Completion.wait {
            service.apply(.run(resumeSavepoint: false), to: created.id, in: project, context: context, completion: $0)
        }
        return try #require(try queue.record(project: project, job: created.id))
    }

    func alarmRows(_ project: ProjectID) throws -> [[String?]] {
        try TestDatabase.query(
            "SELECT job_id, topic, status, reason, state, attempts FROM job_alarms WHERE project_id = $1 ORDER BY alarm_id",
            [project.rawValue], database: databaseURL)
    }

    @Test func aSubmitFailureOfAJobWithATopicRecordsExactlyOneAlarm() throws {
        let project = ProjectID("al-\(UInt32.random(in: 0...UInt32.max))")!
        let record = try submittingJob(project, topic: "ops-pager")
        let failed = try #require(
            JobStateMachine.transition(from: record.job.status, observing: .submitFailed(reason: "parallel_number 64 needs more slots")))
        #expect(failed.raisesAlarm)
        let outcome = try queue.apply(failed, project: project, job: record.job.id, expectedVersion: record.job.version, actor: "r")
        #expect(outcome != .versionConflict)
        // The same transition again on the old version loses the race: no second alarm.
        #expect(
            try queue.apply(failed, project: project, job: record.job.id, expectedVersion: record.job.version, actor: "r")
                == .versionConflict)
        #expect(
            try alarmRows(project) == [
                [String(record.job.id.rawValue), "ops-pager", "job_submit_fail", "parallel_number 64 needs more slots", "pending", "0"]
            ])
    }

    @Test func noAlarmWithoutATopicOrForAnotherStatus() throws {
        let project = ProjectID("al-\(UInt32.random(in: 0...UInt32.max))")!
        for topic in [nil, ""] {
            let record = try submittingJob(project, topic: topic)
            let failed = try #require(JobStateMachine.transition(from: record.job.status, observing: .submitFailed(reason: "x")))
            #expect(try queue.apply(failed, project: project, job: record.job.id, expectedVersion: record.job.version, actor: "r") != .versionConflict)
        }
        let withTopic = try submittingJob(project, topic: "ops")
        let running = try #require(JobStateMachine.transition(from: withTopic.job.status, observing: .running))
        #expect(!running.raisesAlarm)
        #expect(try queue.apply(running, project: project, job: withTopic.job.id, expectedVersion: withTopic.job.version, actor: "r") != .versionConflict)
        #expect(try alarmRows(project).isEmpty)
    }

    @Test func claimsHoldALeaseAndOutcomesAreRecordedInTheAlarmsProjectOnly() throws {
        let project = ProjectID("al-\(UInt32.random(in: 0...UInt32.max))")!
        let other = ProjectID("al-\(UInt32.random(in: 0...UInt32.max))")!
        let record = try submittingJob(project, topic: "ops")
        let failed = try #require(JobStateMachine.transition(from: record.job.status, observing: .failed(reason: "boom")))
        _ = try queue.apply(failed, project: project, job: record.job.id, expectedVersion: record.job.version, actor: "r")

        var claimed = try outbox.claimDue(owner: "a", leaseMillis: 60_000, limit: 10)
        #expect(claimed.count == 1)
        let alarm = try #require(claimed.first)
        #expect(alarm.project == project && alarm.jobID == record.job.id && alarm.jobName == record.job.name)
        #expect(alarm.status == .jobRunningException && alarm.reason == "boom" && alarm.topic == "ops" && alarm.attempts == 1)
        // Leased: another dispatcher finds nothing due.
        #expect(try outbox.claimDue(owner: "b", leaseMillis: 60_000, limit: 10).isEmpty)
        // Only the lease holder records an outcome.
        try outbox.recordDelivered(alarm, owner: "b", httpStatus: 200)
        try outbox.recordFailure(alarm, owner: "a", error: "the receiver answered HTTP 500", httpStatus: 500, retryAfterMillis: 0)
        claimed = try outbox.claimDue(owner: "b", leaseMillis: 60_000, limit: 10)
        #expect(claimed.map(\.attempts) == [2])
        try outbox.recordDelivered(try #require(claimed.first), owner: "b", httpStatus: 204)

        let listed = try #require(try Completion.wait { outbox.alarms(of: record.job.id, project: project, completion: $0) })
        #expect(listed.count == 1)
        let shown = try #require(listed.first)
        #expect(shown.state == .delivered && shown.attempts == 2 && shown.lastHTTPStatus == 204 && shown.lastError == nil)
        #expect(shown.deliveredAtMillis != nil && shown.nextAttemptAtMillis == nil)
        // Another project does not see the job, nor its alarms.
        #expect(try Completion.wait { outbox.alarms(of: record.job.id, project: other, completion: $0) } == nil)
        // A job without alarms lists none.
        let quiet = try submittingJob(project, topic: nil)
        #expect(try Completion.wait { outbox.alarms(of: quiet.job.id, project: project, completion: $0) } == [])
    }

    @Test func aFailureWithoutRetryGivesUp() throws {
        let project = ProjectID("al-\(UInt32.random(in: 0...UInt32.max))")!
        let record = try submittingJob(project, topic: "ops")
        let failed = try #require(JobStateMachine.transition(from: record.job.status, observing: .submitFailed(reason: "x")))
        _ = try queue.apply(failed, project: project, job: record.job.id, expectedVersion: record.job.version, actor: "r")
        let alarm = try #require(try outbox.claimDue(owner: "a", leaseMillis: 60_000, limit: 10).first { $0.project == project })
        try outbox.recordFailure(alarm, owner: "a", error: "connection refused", httpStatus: nil, retryAfterMillis: nil)
        #expect(try outbox.claimDue(owner: "a", leaseMillis: 0, limit: 10).filter { $0.project == project }.isEmpty)
        let shown = try #require(try Completion.wait { outbox.alarms(of: record.job.id, project: project, completion: $0) }?.first)
        #expect(shown.state == .gaveUp && shown.lastError == "connection refused" && shown.nextAttemptAtMillis == nil)
    }
}
