import JobDomain
import Logging
import PostgresClient

/// The alarm outbox on PostgreSQL (`job_alarms`, migrations/0011): alarms are inserted by the engine
/// transition that raises them (`EngineWorkStatements.applyTransition`), claimed across instances with
/// `FOR UPDATE SKIP LOCKED` under a lease (as engine work is), and marked delivered or failed scoped to
/// their project. Also the API's read of a job's alarms, one pipeline unit that waits on no thread.
public final class PostgresAlarmOutbox: AlarmOutbox, AlarmLog {
    private let access: StoreAccess

    /// - Parameters:
    ///   - pool: connections for the dispatcher's blocking calls.
    ///   - pipelines: where the API's reads go (without them they run on `pool` on the caller's thread).
    ///   - logger: where unexpected database errors are reported.
    public init(pool: PGPool, pipelines: PGPipelineGroup? = nil, logger: Logger) {
        access = StoreAccess(pool: pool, logger: logger, store: "alarms", pipelines: pipelines)
    }

    /// A system path (across projects): the claim runs in the `SECURITY DEFINER` function of migration 0011.
    public func claimDue(owner: String, leaseMillis: Int64, limit: Int) throws(JobError) -> [Alarm] {
        try access.run("claim") { c in
            let r = try c.execute(AlarmStatements.claim, [owner, limit, leaseMillis])
            return try (0..<r.rowCount).map { row in
                guard let project = r.string(row, 0).flatMap(ProjectID.init), let id = r.int64(row, 1),
                    let job = r.int64(row, 2).flatMap(JobID.init), let topic = r.string(row, 4),
                    let status = r.string(row, 5).flatMap(JobStatus.init(rawValue:)), let attempts = r.int64(row, 8)
                else { throw CorruptRow(column: "job_alarms") }
                return Alarm(
                    project: project, id: id, jobID: job, jobName: r.string(row, 3), topic: topic, status: status,
                    reason: r.string(row, 6) ?? "", createdAtMillis: r.int64(row, 7) ?? 0, attempts: Int(attempts))
            }
        }
    }

    public func recordDelivered(_ alarm: Alarm, owner: String, httpStatus: Int) throws(JobError) {
        try access.run(
            "delivered", project: alarm.project, AlarmStatements.delivered,
            [alarm.project.rawValue, alarm.id, owner, httpStatus]
        ) { _ in }
    }

    public func recordFailure(_ alarm: Alarm, owner: String, error: String, httpStatus: Int?, retryAfterMillis: Int64?)
        throws(JobError)
    {
        let parameters: [any PGBindable] = [
            alarm.project.rawValue, alarm.id, owner, Self.bounded(error), httpStatus, retryAfterMillis,
        ]
        try access.run("failed", project: alarm.project, AlarmStatements.failed, parameters) { _ in }
    }

    /// `error` cut to the column's 200 characters (PostgreSQL counts code points, so cut on scalars).
    static func bounded(_ error: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: error.unicodeScalars.prefix(200))
        return String(scalars)
    }

    public func alarms(
        of job: JobID, project: ProjectID, completion: @escaping @Sendable (Result<[Alarm]?, JobError>) -> Void
    ) {
        let call = ScopedCall<[Alarm]?>(
            operation: "list", statement: AlarmStatements.listByJob, parameters: [project.rawValue, job.rawValue],
            readOnly: true
        ) { r in
            guard r.rowCount > 0 else { return nil }
            return try (0..<r.rowCount).compactMap { row -> Alarm? in
                guard let id = r.int64(row, 0) else { return nil }  // the job has no alarm
                guard let topic = r.string(row, 1), let status = r.string(row, 2).flatMap(JobStatus.init(rawValue:)),
                    let state = r.string(row, 5).flatMap(AlarmState.init(rawValue:)), let attempts = r.int64(row, 6)
                else { throw CorruptRow(column: "job_alarms") }
                return Alarm(
                    project: project, id: id, jobID: job, jobName: r.string(row, 11), topic: topic, status: status,
                    reason: r.string(row, 3) ?? "", createdAtMillis: r.int64(row, 4) ?? 0, state: state,
                    attempts: Int(attempts), nextAttemptAtMillis: r.int64(row, 7), deliveredAtMillis: r.int64(row, 8),
                    lastError: r.string(row, 9), lastHTTPStatus: r.int(row, 10))
            }
        }
        access.submit(call, project: project, completion: completion)
    }
}
