/// Where a piece of engine work stands between two claims.
public enum EngineWorkStep: String, Sendable, CaseIterable {
    /// Nothing asked of the engine yet.
    case new
    /// The engine was asked (cancel, stop, trigger); waiting for the outcome.
    case requested
    /// A savepoint (or stop-with-savepoint) is in progress under `savepointRequest`.
    case savepointing
}

/// One claimed piece of engine work: the reconciler holds its lease until it completes or reschedules it.
public struct EngineWorkItem: Sendable, Equatable {
    public var project: ProjectID
    public var jobID: JobID
    /// The job version whose transition enqueued the work; with project and job, its key.
    public var workVersion: Int64
    public var kind: EngineWork
    public var step: EngineWorkStep
    public var savepointRequest: SavepointRequestID?
    /// How often the work has been claimed (1 on the first claim).
    public var attempts: Int
    /// Milliseconds since the work entered its current step (the escalation deadline's clock).
    public var stepAgeMillis: Int64
    /// Where the request asked the savepoint to go (`savepoint_path` of a trigger), if it did.
    public var savepointDirectory: String?
    /// How a delete asked to stop the job, and its deadline (nil: the service's setting).
    public var stopOptions = StopOptions()

    public init(
        project: ProjectID, jobID: JobID, workVersion: Int64, kind: EngineWork, step: EngineWorkStep,
        savepointRequest: SavepointRequestID?, attempts: Int, stepAgeMillis: Int64, savepointDirectory: String? = nil
    ) {
        self.savepointDirectory = savepointDirectory
        self.project = project
        self.jobID = jobID
        self.workVersion = workVersion
        self.kind = kind
        self.step = step
        self.savepointRequest = savepointRequest
        self.attempts = attempts
        self.stepAgeMillis = stepAgeMillis
    }
}

/// One engine job that carried a job: its id, the base location it checkpoints into (nil: the
/// engine's default for the project) and the checkpoint or savepoint it was started from, if any.
public struct EngineJobLineage: Sendable, Equatable {
    public var engineJobID: EngineJobID
    public var checkpointDir: String?
    public var restoredFrom: String?

    public init(engineJobID: EngineJobID, checkpointDir: String?, restoredFrom: String?) {
        self.engineJobID = engineJobID
        self.checkpointDir = checkpointDir
        self.restoredFrom = restoredFrom
    }
}

/// A job as the reconciler sees it: deleted or not, with the engine job that carries it, if any, and
/// the one before it (kept so that a resubmission after a loss finds the lost job's checkpoints).
public struct EngineJobRecord: Sendable, Equatable {
    public var job: Job
    public var isDeleted: Bool
    public var engineJobID: EngineJobID?
    /// Where the current engine job checkpoints into and what it was started from.
    public var checkpointDir: String?
    public var restoredFrom: String?
    /// The engine job the current one replaced, if any.
    public var previous: EngineJobLineage?
    /// In-job restarts of the current engine job already counted in the job's `restart_times`.
    public var engineRestarts = 0

    public init(
        job: Job, isDeleted: Bool, engineJobID: EngineJobID?, checkpointDir: String? = nil, restoredFrom: String? = nil,
        previous: EngineJobLineage? = nil
    ) {
        self.job = job
        self.isDeleted = isDeleted
        self.engineJobID = engineJobID
        self.checkpointDir = checkpointDir
        self.restoredFrom = restoredFrom
        self.previous = previous
    }

    /// The current engine job's lineage, if there is one.
    public var current: EngineJobLineage? {
        engineJobID.map { EngineJobLineage(engineJobID: $0, checkpointDir: checkpointDir, restoredFrom: restoredFrom) }
    }
}

/// The reconciler's store: engine work claimed under leases that expire (so any number of instances
/// share one database and a crashed instance's work is taken over), and engine transitions recorded
/// as conditional updates with journal entries. Errors are `JobError.storeUnavailable` / `.internalError`.
public protocol EngineWorkQueue: Sendable {
    /// Claims up to `limit` due pieces of work, at most one per job (its oldest pending one), leased to
    /// `owner` for `leaseMillis`. Work whose lease expired is claimable again.
    func claimWork(owner: String, leaseMillis: Int64, limit: Int) throws(JobError) -> [EngineWorkItem]

    /// Claims up to `limit` live jobs with an engine job and no pending work whose next poll is due, and
    /// pushes their next poll `intervalMillis` ahead (so instances share polling).
    func claimPolls(owner: String, intervalMillis: Int64, limit: Int) throws(JobError) -> [EngineJobRecord]

    /// The job (deleted or not) with its engine job id, or nil when it does not exist.
    func record(project: ProjectID, job: JobID) throws(JobError) -> EngineJobRecord?

    /// Records `transition` if the job (deleted or not) still has `expectedVersion`: status, description,
    /// savepoint, a journal entry by `actor`, and the transition's engine work, in one statement.
    func apply(_ transition: EngineTransition, project: ProjectID, job: JobID, expectedVersion: Int64, actor: String)
        throws(JobError) -> CommitOutcome

    /// Sets `status_desc` alone (no new version, no journal entry) if the job still has `expectedVersion`.
    func describe(_ description: String, project: ProjectID, job: JobID, expectedVersion: Int64) throws(JobError)

    /// Remembers which engine job carries the job (before it is submitted, so a crash cannot lose it),
    /// where it checkpoints (nil: the engine's default) and what it is started from. When `id` replaces
    /// a different engine job, that one's id, checkpoint location and origin become the record's `previous`.
    func setEngineJob(_ id: EngineJobID, project: ProjectID, job: JobID, checkpointDir: String?, restoredFrom: String?)
        throws(JobError)

    /// Records that engine job `id`, still the job's current one, has restarted `restarts` times in all
    /// (its restart strategy): the restarts not yet counted are added to the job's `restart_times`. No
    /// new version, no journal entry; a smaller or equal count changes nothing.
    func recordEngineRestarts(_ restarts: Int, of id: EngineJobID, project: ProjectID, job: JobID) throws(JobError)

    /// Releases `item`'s lease and makes it due again after `delayMillis`, at `step`; `restartStepClock`
    /// resets the step's age (after an escalation). Ignored when `owner` no longer holds the lease.
    func reschedule(
        _ item: EngineWorkItem, owner: String, step: EngineWorkStep, savepointRequest: SavepointRequestID?,
        delayMillis: Int64, restartStepClock: Bool, note: String?) throws(JobError)

    /// Marks `item` done with a short outcome. Ignored when `owner` no longer holds the lease.
    func complete(_ item: EngineWorkItem, owner: String, outcome: String) throws(JobError)
}
