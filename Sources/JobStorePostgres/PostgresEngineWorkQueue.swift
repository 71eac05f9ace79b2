import JobDomain
import Logging
import PostgresClient

/// `EngineWorkQueue` on PostgreSQL: work claimed with `FOR UPDATE SKIP LOCKED` under expiring leases,
/// engine transitions as conditional updates with journal rows (like `JobStatements.commitTransition`).
/// Driver errors are mapped to `JobError` here, as in `PostgresJobRepository`.
public final class PostgresEngineWorkQueue: EngineWorkQueue {
    private let access: StoreAccess

    /// - Parameters:
    ///   - pool: connections to a database migrated to at least `0004_engine`.
    ///   - logger: where unexpected database errors are reported.
    public init(pool: PGPool, logger: Logger) {
        access = StoreAccess(pool: pool, logger: logger, store: "engine")
    }

    /// A system path (across projects): the claim runs in the `SECURITY DEFINER` function of migration 0006.
    public func claimWork(owner: String, leaseMillis: Int64, limit: Int) throws(JobError) -> [EngineWorkItem] {
        try access.run("claim_work") { c in
            let r = try c.execute(EngineWorkStatements.claimWork, [owner, limit, leaseMillis])
            return try (0..<r.rowCount).map { try Self.workItem(r, row: $0) }
        }
    }

    /// A system path (across projects) for the claim; each claimed job is then read scoped to its project.
    public func claimPolls(owner: String, intervalMillis: Int64, limit: Int) throws(JobError) -> [EngineJobRecord] {
        let keys: [(ProjectID, JobID)] = try access.run("claim_polls") { c in
            let r = try c.execute(EngineWorkStatements.claimPolls, [owner, limit, intervalMillis])
            return (0..<r.rowCount).compactMap { row in
                guard let p = r.string(row, 0).flatMap(ProjectID.init), let j = r.int64(row, 1).flatMap(JobID.init) else {
                    return nil
                }
                return (p, j)
            }
        }
        var records: [EngineJobRecord] = []
        for (project, job) in keys {
            if let record = try record(project: project, job: job) { records.append(record) }
        }
        return records
    }

    public func record(project: ProjectID, job: JobID) throws(JobError) -> EngineJobRecord? {
        try access.run("record", project: project, EngineWorkStatements.record, [project.rawValue, job.rawValue]) { r in
            guard r.rowCount == 1 else { return nil }
            let n = JobColumns.all.count
            let previous = r.string(0, n + 4).flatMap(EngineJobID.init).map {
                EngineJobLineage(engineJobID: $0, checkpointDir: r.string(0, n + 5), restoredFrom: r.string(0, n + 6))
            }
            var record = EngineJobRecord(
                job: try JobRowDecoder.job(r, row: 0), isDeleted: r.bool(0, n) ?? false,
                engineJobID: r.string(0, n + 1).flatMap(EngineJobID.init), checkpointDir: r.string(0, n + 2),
                restoredFrom: r.string(0, n + 3), previous: previous)
            record.engineRestarts = Int(r.int64(0, n + 7) ?? 0)
            return record
        }
    }

    public func apply(
        _ transition: EngineTransition, project: ProjectID, job: JobID, expectedVersion: Int64, actor: String
    ) throws(JobError) -> CommitOutcome {
        let parameters: [any PGBindable] = [
            project.rawValue, job.rawValue, expectedVersion, transition.to.rawValue, transition.description,
            transition.savepointPath, transition.startsRunning, transition.event.name, transition.from.rawValue,
            transition.engineWork?.rawValue, actor, transition.raisesAlarm,
        ]
        return try access.run("apply", project: project, EngineWorkStatements.applyTransition, parameters) { r in
            guard r.rowCount == 1, let version = r.int64(0, 0) else { return .versionConflict }
            return .applied(version: version)
        }
    }

    public func describe(_ description: String, project: ProjectID, job: JobID, expectedVersion: Int64) throws(JobError) {
        try access.run(
            "describe", project: project, EngineWorkStatements.describe,
            [project.rawValue, job.rawValue, expectedVersion, description]
        ) { _ in }
    }

    public func setEngineJob(_ id: EngineJobID, project: ProjectID, job: JobID, checkpointDir: String?, restoredFrom: String?)
        throws(JobError)
    {
        let parameters: [any PGBindable] = [project.rawValue, job.rawValue, id.rawValue, checkpointDir, restoredFrom]
        try access.run("set_engine_job", project: project, EngineWorkStatements.setEngineJob, parameters) { _ in }
    }

    public func recordEngineRestarts(_ restarts: Int, of id: EngineJobID, project: ProjectID, job: JobID)
        throws(JobError)
    {
        try access.run(
            "record_engine_restarts", project: project, EngineWorkStatements.recordEngineRestarts,
            [project.rawValue, job.rawValue, id.rawValue, Int64(restarts)]
        ) { _ in }
    }

    public func reschedule(
        _ item: EngineWorkItem, owner: String, step: EngineWorkStep, savepointRequest: SavepointRequestID?,
        delayMillis: Int64, restartStepClock: Bool, note: String?
    ) throws(JobError) {
        let parameters: [any PGBindable] = [
            item.project.rawValue, item.jobID.rawValue, item.workVersion, owner, step.rawValue, savepointRequest?.rawValue,
            delayMillis, restartStepClock, note.map { String($0.prefix(500)) },
        ]
        try access.run("reschedule", project: item.project, EngineWorkStatements.reschedule, parameters) { _ in }
    }

    public func complete(_ item: EngineWorkItem, owner: String, outcome: String) throws(JobError) {
        let parameters: [any PGBindable] = [item.project.rawValue, item.jobID.rawValue, item.workVersion, owner, outcome]
        try access.run("complete", project: item.project, EngineWorkStatements.complete, parameters) { _ in }
    }

    /// Decodes one row of `streamjobs_claim_engine_work` (migrations/0006, 0015).
    private static func workItem(_ r: PGResult, row: Int) throws -> EngineWorkItem {
        guard let project = r.string(row, 0).flatMap(ProjectID.init), let job = r.int64(row, 1).flatMap(JobID.init),
            let version = r.int64(row, 2), let kind = r.string(row, 3).flatMap(EngineWork.init(rawValue:)),
            let step = r.string(row, 4).flatMap(EngineWorkStep.init(rawValue:)), let attempts = r.int64(row, 6)
        else { throw CorruptRow(column: "engine_work") }
        var item = EngineWorkItem(
            project: project, jobID: job, workVersion: version, kind: kind, step: step,
            savepointRequest: r.string(row, 5).map(SavepointRequestID.init), attempts: Int(attempts),
            stepAgeMillis: r.int64(row, 7) ?? 0, savepointDirectory: r.string(row, 8))
        item.stopOptions = StopOptions(
            policy: r.string(row, 9).flatMap(StopPolicy.init(rawValue:)), deadlineMillis: r.int64(row, 10))
        return item
    }
}
