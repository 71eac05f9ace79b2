/// Moves each job toward what its requests asked for: carries out engine work (submit, stop, cancel,
/// savepoints, log collection) and polls live jobs, recording every status change in the job's journal.
///
/// Synchronous and stateless between ticks: all progress lives in the `EngineWorkQueue`, so any number
/// of instances can tick against one database, and an instance that dies mid-way leaves leases that
/// expire. The engine being down delays work (with back-off), never loses it.
public struct Reconciler: Sendable {
    let queue: any EngineWorkQueue
    let engine: any Engine
    let configuration: ReconcilerConfiguration

    /// What one tick did, for logs and tests.
    public struct TickReport: Sendable, Equatable {
        public var workClaimed = 0
        public var jobsPolled = 0
        public var transitions = 0
        public var engineUnavailable = false
        /// How long the oldest work item claimed in this tick had waited in its step, in milliseconds.
        public var oldestWorkAgeMillis: Int64 = 0
        public init() {}
    }

    public init(queue: any EngineWorkQueue, engine: any Engine, configuration: ReconcilerConfiguration) {
        self.queue = queue
        self.engine = engine
        self.configuration = configuration
    }

    var actor: String { "reconciler:\(configuration.owner)" }

    /// Claims and advances due work, then polls due live jobs.
    /// - Throws: `JobError.storeUnavailable` / `.internalError` when the store fails (the caller retries later).
    public func tick() throws(JobError) -> TickReport {
        var report = TickReport()
        let items = try queue.claimWork(
            owner: configuration.owner, leaseMillis: configuration.leaseMillis, limit: configuration.batchSize)
        report.workClaimed = items.count
        report.oldestWorkAgeMillis = items.map(\.stepAgeMillis).max() ?? 0
        for item in items {
            try advance(item, report: &report)
        }
        let polls = try queue.claimPolls(
            owner: configuration.owner, intervalMillis: configuration.pollIntervalMillis, limit: configuration.batchSize * 2)
        report.jobsPolled = polls.count
        for record in polls {
            try poll(record, report: &report)
        }
        return report
    }

    /// Carries one piece of work one step further.
    func advance(_ item: EngineWorkItem, report: inout TickReport) throws(JobError) {
        guard let record = try queue.record(project: item.project, job: item.jobID) else {
            try queue.complete(item, owner: configuration.owner, outcome: "job missing")
            return
        }
        switch item.kind {
        case .submit, .submitFromSavepoint, .restore:
            try submit(item, record, report: &report)
        case .cancel:
            let policy = item.stopOptions.policy
            let savepoint = record.isDeleted && (policy?.takesSavepoint ?? configuration.savepointOnDelete)
            try stop(item, record, savepoint: savepoint, drain: savepoint && policy == .drain, report: &report)
        case .stopWithSavepoint:
            try stop(item, record, savepoint: true, drain: false, report: &report)
        case .triggerSavepoint:
            try savepoint(item, record, report: &report)
        case .collectLogs:
            try collectLogs(item, record, report: &report)
        }
    }

    /// Looks at a live job's engine job and records what changed.
    func poll(_ record: EngineJobRecord, report: inout TickReport) throws(JobError) {
        guard let id = record.engineJobID else { return }
        let event: EngineEvent
        switch engineCall({ () throws(EngineError) in try engine.status(of: id) }) {
        case .success(let status):
            // Counted before the status is judged, so a job that fails for good has its last restarts.
            if let restarts = status.restarts, restarts > record.engineRestarts {
                try queue.recordEngineRestarts(restarts, of: id, project: record.job.projectID, job: record.job.id)
            }
            switch status.state {
            case .running where status.allTasksRunning: event = .running
            case .failed: event = .failed(reason: status.failureReason ?? "the job failed on the engine")
            case .finished: event = .finished
            case .canceled: event = .canceled
            case .initializing, .created, .running, .failing, .cancelling, .restarting, .suspended, .reconciling:
                // job_cancel_fail keeps the reason the stop failed until the engine job ends.
                guard record.job.status != .jobCancelFail else { return }
                try describe(Self.progressNote(record.job, status), record)
                return
            }
        case .failure(.notFound):
            // The engine knows neither the job nor anything that will start it (`Engine.status`); polls
            // skip jobs with pending work, so a submission still in flight is never taken for a loss.
            event = .lost
        case .failure(let error):
            report.engineUnavailable = true
            try describe("\(error.reason); last known status \(record.job.status.rawValue), checking again", record)
            return
        }
        if try observe(event, record, retryOnConflict: false, report: &report) == nil, record.job.status == .jobRunning,
            !record.job.statusDescription.isEmpty
        {
            try describe("", record)  // the engine answers again: clear an outage note
        }
    }

    /// `status_desc` for a live job the engine has not (or no longer) fully running.
    static func progressNote(_ job: Job, _ status: EngineJobStatus) -> String {
        if status.state == .running, let slots = status.slotShortage {
            return "waiting for task slots: the job needs \(slots.needed) and holds \(slots.held); \(slots.available) of "
                + "the cluster's \(slots.total) slots are free (the engine fails the job if it gets no slots within its "
                + "slot.request.timeout, 5 minutes by default)"
        }
        return job.status == .jobRunning
            ? "engine state \(status.state.rawValue)" : "starting on the engine (\(status.state.rawValue))"
    }

    /// Applies the state machine's answer to `event`, re-reading the job when it changed meanwhile.
    /// A poll's observation (`retryOnConflict: false`) describes the job at the version it read: when
    /// the job changed meanwhile (another poll recorded the same loss, a user stopped it), it is dropped
    /// and the next poll looks again, so one loss is never recorded twice. The outcome of work is
    /// always recorded, against the fresh job.
    /// - Returns: the recorded transition, or nil when the event changed nothing.
    @discardableResult
    func observe(
        _ event: EngineEvent, _ record: EngineJobRecord, retryOnConflict: Bool = true, report: inout TickReport
    ) throws(JobError) -> EngineTransition? {
        var current = record
        for _ in 0..<(retryOnConflict ? 4 : 1) {
            guard let observed = JobStateMachine.transition(from: current.job.status, observing: event) else { return nil }
            // A run or stop that ends collects the job's logs, enqueued in the same statement.
            let transition = JobLogCollection.adding(to: observed, of: current.job)
            switch try queue.apply(
                transition, project: current.job.projectID, job: current.job.id, expectedVersion: current.job.version,
                actor: actor)
            {
            case .applied:
                report.transitions += 1
                return transition
            case .versionConflict:
                guard let fresh = try queue.record(project: current.job.projectID, job: current.job.id) else { return nil }
                current = fresh
            }
        }
        return nil
    }

    /// Sets `status_desc` when it differs.
    func describe(_ text: String, _ record: EngineJobRecord) throws(JobError) {
        guard record.job.statusDescription != text else { return }
        try queue.describe(text, project: record.job.projectID, job: record.job.id, expectedVersion: record.job.version)
    }

    /// Makes `item` due again later at `step`.
    func retry(
        _ item: EngineWorkItem, step: EngineWorkStep, savepointRequest: SavepointRequestID? = nil,
        delayMillis: Int64? = nil, restartStepClock: Bool = false, note: String? = nil
    ) throws(JobError) {
        try queue.reschedule(
            item, owner: configuration.owner, step: step, savepointRequest: savepointRequest,
            delayMillis: delayMillis ?? configuration.retryDelay(attempts: item.attempts),
            restartStepClock: restartStepClock, note: note)
    }

    func complete(_ item: EngineWorkItem, _ outcome: String) throws(JobError) {
        try queue.complete(item, owner: configuration.owner, outcome: outcome)
    }
}
