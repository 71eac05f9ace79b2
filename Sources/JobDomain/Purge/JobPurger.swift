/// Hard-deletes deleted jobs: on a schedule, those past their project's retention (``tick()``), and one
/// job on request (``purgeNow(_:in:context:)``). Any number of purgers may run, on any instances: each job
/// is claimed under a lease (`FOR UPDATE SKIP LOCKED`), so one purger purges it.
///
/// Order, so that a crash leaves nothing that cannot be found again: the claim marks the job as purging
/// (for good), then its files are removed, then its rows are deleted with the audit record in one
/// transaction. A purge interrupted after the files is claimed again once its lease ends (whatever the
/// retention) and finished; removing files that are already gone is no error. A purging job cannot be
/// restored.
public final class JobPurger: Sendable {
    private let store: any JobPurgeStore
    private let disposer: any JobStateDisposer
    private let owner: String
    private let leaseMillis: Int64
    private let batch: Int

    /// The actor of the purger's own audit records.
    public static let actor = "system:purger"

    /// - Parameters:
    ///   - owner: this purger's lease owner, unique among the purgers running.
    ///   - leaseMillis: how long a claim keeps other purgers off the job (longer than removing its files).
    ///   - batch: jobs claimed per tick.
    public init(store: any JobPurgeStore, disposer: any JobStateDisposer, owner: String, leaseMillis: Int64 = 600_000, batch: Int = 16) {
        self.store = store
        self.disposer = disposer
        self.owner = owner
        self.leaseMillis = leaseMillis
        self.batch = batch
    }

    /// One pass: claims due jobs and purges each.
    /// - Returns: how many jobs this pass claimed, purged, and failed to purge (a failed one keeps its
    ///   claim until the lease ends, then is claimed again).
    /// - Throws: the store's error when the claim fails.
    @discardableResult
    public func tick() throws(JobError) -> PurgeReport {
        let claimed = try store.claimExpired(owner: owner, leaseMillis: leaseMillis, limit: batch)
        var report = PurgeReport(claimed: claimed.count)
        for (project, id) in claimed {
            let actor = PurgeActor(actor: Self.actor, requestID: "purge:\(owner)", context: nil)
            do {
                if try purgeClaimed(id, in: project, by: actor, owner: owner) { report.purged += 1 }
            } catch {
                report.failed += 1
            }
        }
        return report
    }

    /// Purges one deleted job of `project` now (`DELETE …/deleted-jobs/{job_id}`), honouring the request's
    /// `If-Match`.
    /// - Throws: `JobError.jobNotFound` (no such job in the project), `.versionMismatch`,
    ///   `.illegalTransition` (not deleted, or its delete's stop has not finished),
    ///   `.concurrentModification` (another purge holds it), `.storeUnavailable`, `.internalError`.
    public func purgeNow(_ id: JobID, in project: ProjectID, context: RequestContext) throws(JobError) {
        guard let facts = try store.facts(id, project: project) else { throw .jobNotFound(id) }
        if let expected = context.expectedVersion, expected != facts.job.version {
            throw .versionMismatch(id, expected: expected, current: facts.job.version)
        }
        try JobStateMachine.purge(from: facts.job.status, deleted: facts.isDeleted, enginePending: facts.enginePending)
        // The request's own lease owner: two requests purging the same job never share a claim.
        let owner = "\(owner):\(context.requestID)"
        guard try store.claim(id, project: project, version: facts.job.version, owner: owner, leaseMillis: leaseMillis) else {
            throw .concurrentModification(id)
        }
        let actor = PurgeActor(actor: context.actor, requestID: context.requestID, context: context)
        guard try purgeClaimed(id, in: project, by: actor, owner: owner) else { throw .concurrentModification(id) }
    }

    /// Files, then rows and the audit record. False when the job is gone or no longer ours.
    private func purgeClaimed(_ id: JobID, in project: ProjectID, by actor: PurgeActor, owner: String) throws(JobError) -> Bool {
        guard let facts = try store.facts(id, project: project), facts.isDeleted else { return false }
        try disposer.dispose(PurgeLocations.of(facts), project: project)
        return try store.finish(id, project: project, owner: owner, by: actor)
    }
}

/// What one purger pass did.
public struct PurgeReport: Sendable, Equatable {
    /// Jobs claimed.
    public var claimed: Int
    /// Jobs purged (rows, files, audit record).
    public var purged = 0
    /// Jobs whose files or rows could not be removed; retried once their lease ends.
    public var failed = 0

    public init(claimed: Int, purged: Int = 0, failed: Int = 0) {
        self.claimed = claimed
        self.purged = purged
        self.failed = failed
    }
}
