import JobDomain
import Logging
import PostgresClient

/// `JobPurgeStore` on PostgreSQL, on pooled connections (the purger's thread or the blocking executor).
/// The claim across projects and the row deletion run in migration 0016's `SECURITY DEFINER` functions:
/// the service's role may delete no row itself.
public final class PostgresJobPurgeStore: JobPurgeStore {
    private let access: StoreAccess

    /// The audit action of the purger's own purges (a request's purge records its route instead).
    static let retentionAction = "PURGE deleted job (retention)"

    /// - Parameter pool: connections to a database migrated to at least `0016_retention_purge`.
    public init(pool: PGPool, logger: Logger) {
        access = StoreAccess(pool: pool, logger: logger, store: "purge")
    }

    public func claimExpired(owner: String, leaseMillis: Int64, limit: Int) throws(JobError) -> [(ProjectID, JobID)] {
        try access.run("claim_purges") { c in
            let r = try c.execute(PurgeStatements.claimExpired, [owner, limit, leaseMillis])
            return (0..<r.rowCount).compactMap { row in
                guard let p = r.string(row, 0).flatMap(ProjectID.init), let j = r.int64(row, 1).flatMap(JobID.init) else {
                    return nil
                }
                return (p, j)
            }
        }
    }

    public func facts(_ id: JobID, project: ProjectID) throws(JobError) -> PurgeFacts? {
        try access.run("purge_facts", project: project, PurgeStatements.facts, [project.rawValue, id.rawValue]) { r in
            guard r.rowCount == 1 else { return nil }
            let n = JobColumns.all.count
            func lines(_ column: Int) -> [String] {
                (r.string(0, column) ?? "").split(separator: "\n").map(String.init)
            }
            var engineJobs: [EngineCheckpoints] = []
            if let current = r.string(0, n + 4) {
                engineJobs.append(EngineCheckpoints(engineJobID: current, checkpointBase: r.string(0, n + 5)))
            }
            if let previous = r.string(0, n + 6) {
                engineJobs.append(EngineCheckpoints(engineJobID: previous, checkpointBase: r.string(0, n + 7)))
            }
            let job = try JobRowDecoder.job(r, row: 0)
            return PurgeFacts(
                job: job, isDeleted: r.bool(0, n) ?? false, enginePending: r.bool(0, n + 1) ?? true,
                savepoints: lines(n + 2) + (job.savepointPath.map { [$0] } ?? []), importedSavepoints: lines(n + 3),
                engineJobs: engineJobs)
        }
    }

    public func claim(_ id: JobID, project: ProjectID, version: Int64, owner: String, leaseMillis: Int64) throws(JobError) -> Bool {
        try access.run(
            "purge_claim", project: project, PurgeStatements.claimOne,
            [project.rawValue, id.rawValue, version, owner, leaseMillis]
        ) { r in r.rowCount == 1 }
    }

    public func finish(_ id: JobID, project: ProjectID, owner: String, by actor: PurgeActor) throws(JobError) -> Bool {
        let action = actor.context?.audit?.action ?? Self.retentionAction
        let client = actor.context?.audit?.clientAddress ?? "local"
        let done = try access.run(
            "purge_finish", project: project, PurgeStatements.finish,
            [project.rawValue, id.rawValue, owner, actor.actor, action, actor.requestID, client]
        ) { r in r.bool(0, 0) ?? false }
        if done, let context = actor.context { AuditInTransaction.committed(context) }
        return done
    }
}
