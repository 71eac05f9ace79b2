// Stopping jobs: stop-with-savepoint or cancel, escalating to cancel at the deadline. Used by stop
// requests and by deletes of live jobs; "already ended" on the engine counts as success.
//
// The rule, with D = the delete's `deadline_seconds` (`StopOptions`), else `stopDeadlineMillis`: a savepoint not taken within D is given up and the job is
// cancelled (escalation). A cancel (the stop's own, or the escalation's) that the engine has not
// confirmed within D after it was sent, or that the engine refuses, ends the stop in `job_cancel_fail`
// with the reason; the job is still polled, so an engine job that ends later moves it to
// `job_cancel_success`, and the user may stop it again. A deleted job cannot be stopped again by anyone,
// so its cancel is sent again at every deadline instead, until the engine confirms.
extension Reconciler {
    func stop(_ item: EngineWorkItem, _ record: EngineJobRecord, savepoint: Bool, drain: Bool, report: inout TickReport)
        throws(JobError)
    {
        let deadline = item.stopOptions.deadlineMillis ?? configuration.stopDeadlineMillis
        guard let id = record.engineJobID, record.job.status.mayBeLiveOnEngine || record.isDeleted else {
            // Never reached the engine (or already stopped): the stop is done.
            try observe(.canceled, record, report: &report)
            try complete(item, "nothing to stop")
            return
        }
        switch item.step {
        case .new:
            if savepoint {
                try observe(.stopRequested(savepoint: true), record, report: &report)
                let directory = savepointDirectory(record.job)
                switch engineCall({ () throws(EngineError) in try engine.stopWithSavepoint(id, project: record.job.projectID, directory: directory, drain: drain) }) {
                case .success(let request):
                    try retry(
                        item, step: .savepointing, savepointRequest: request,
                        delayMillis: configuration.operationPollMillis, restartStepClock: true)
                case .failure(let error):
                    try stopError(error, item, record, id, report: &report)
                }
            } else {
                try observe(.stopRequested(savepoint: false), record, report: &report)
                switch engineCall({ () throws(EngineError) in try engine.cancel(id) }) {
                case .success:
                    try retry(item, step: .requested, delayMillis: configuration.operationPollMillis, restartStepClock: true)
                case .failure(let error):
                    try stopError(error, item, record, id, report: &report)
                }
            }
        case .savepointing:
            guard let request = item.savepointRequest else { return try escalate(item, record, id, report: &report) }
            switch engineCall({ () throws(EngineError) in try engine.savepointProgress(of: id, project: record.job.projectID, request: request) }) {
            case .success(.inProgress):
                if item.stepAgeMillis > deadline {
                    try observe(.savepointFailed(reason: "no savepoint within the deadline"), record, report: &report)
                    try escalate(item, record, id, report: &report)
                } else {
                    try retry(
                        item, step: .savepointing, savepointRequest: request, delayMillis: configuration.operationPollMillis)
                }
            case .success(.completed(let path)):
                try observe(.savepointCompleted(path: path), record, report: &report)
                try retry(item, step: .requested, delayMillis: 0, restartStepClock: true)
            case .success(.failed(let reason)):
                try observe(.savepointFailed(reason: reason), record, report: &report)
                try escalate(item, record, id, report: &report)
            case .failure(let error):
                try stopError(error, item, record, id, report: &report)
            }
        case .requested:
            switch engineCall({ () throws(EngineError) in try engine.status(of: id) }) {
            case .success(let status) where status.state.isTerminal:
                try finish(item, record, status, report: &report)
            case .success(let status):
                if item.stepAgeMillis > deadline {
                    if record.isDeleted {
                        try escalate(item, record, id, report: &report)
                    } else {
                        let waited = Self.seconds(deadline)
                        try cancelFailed(
                            "the engine did not finish cancelling the job within \(waited) (engine state "
                                + "\(status.state.rawValue)); the job is still watched and is marked stopped once it ends",
                            item, record, report: &report)
                    }
                } else {
                    try retry(item, step: .requested, delayMillis: configuration.operationPollMillis)
                }
            case .failure(let error):
                try stopError(error, item, record, id, report: &report)
            }
        }
    }

    /// What an engine error means for a stop.
    private func stopError(
        _ error: EngineError, _ item: EngineWorkItem, _ record: EngineJobRecord, _ id: EngineJobID,
        report: inout TickReport
    ) throws(JobError) {
        switch error {
        case .alreadyTerminal:
            try finishAfterTerminal(item, record, id, report: &report)
        case .notFound:
            try observe(.canceled, try fresh(item, record), report: &report)
            try complete(item, "the engine no longer knows the job")
        case .unavailable(let reason):
            report.engineUnavailable = true
            try describe("engine unavailable (\(reason)); the stop is pending", try fresh(item, record))
            try retry(item, step: item.step, savepointRequest: item.savepointRequest, note: reason)
        case .rejected, .invalidJob, .protocolError:
            // A refused stop-with-savepoint (or an odd answer): cancel instead.
            try observe(.savepointFailed(reason: error.reason), try fresh(item, record), report: &report)
            try escalate(item, record, id, report: &report)
        }
    }

    /// Cancels without a savepoint and waits for the engine to confirm; restarts the deadline clock.
    func escalate(_ item: EngineWorkItem, _ record: EngineJobRecord, _ id: EngineJobID, report: inout TickReport)
        throws(JobError)
    {
        try observe(.stopRequested(savepoint: false), try fresh(item, record), report: &report)
        switch engineCall({ () throws(EngineError) in try engine.cancel(id) }) {
        case .success:
            try retry(
                item, step: .requested, delayMillis: configuration.operationPollMillis, restartStepClock: true,
                note: "escalated to cancel")
        case .failure(.alreadyTerminal):
            try finishAfterTerminal(item, record, id, report: &report)
        case .failure(.notFound):
            try observe(.canceled, try fresh(item, record), report: &report)
            try complete(item, "the engine no longer knows the job")
        case .failure(.unavailable(let reason)):
            report.engineUnavailable = true
            try retry(item, step: .requested, restartStepClock: true, note: reason)
        case .failure(let error) where record.isDeleted:
            try retry(item, step: .requested, restartStepClock: true, note: error.reason)
        case .failure(let error):
            try cancelFailed("the engine refused to cancel the job: \(error.reason)", item, record, report: &report)
        }
    }

    /// Ends a stop that the engine did not carry out in `job_cancel_fail`; the job's polls watch it from then on.
    func cancelFailed(_ reason: String, _ item: EngineWorkItem, _ record: EngineJobRecord, report: inout TickReport)
        throws(JobError)
    {
        try observe(.stopFailed(reason: reason), try fresh(item, record), report: &report)
        try complete(item, "cancel failed")
    }

    /// `millis` as text for a reason: "20 s", "2.5 s".
    static func seconds(_ millis: Int64) -> String {
        millis % 1000 == 0 ? "\(millis / 1000) s" : "\(Double(millis) / 1000) s"
    }

    /// The engine says the job already ended: record how, then complete.
    func finishAfterTerminal(_ item: EngineWorkItem, _ record: EngineJobRecord, _ id: EngineJobID, report: inout TickReport)
        throws(JobError)
    {
        let status: EngineJobStatus
        switch engineCall({ () throws(EngineError) in try engine.status(of: id) }) {
        case .success(let s): status = s
        case .failure: status = EngineJobStatus(state: .canceled, allTasksRunning: false)
        }
        try finish(item, record, status, report: &report)
    }

    /// Records the terminal engine state of a stopped job and completes the work.
    func finish(_ item: EngineWorkItem, _ record: EngineJobRecord, _ status: EngineJobStatus, report: inout TickReport)
        throws(JobError)
    {
        let current = try fresh(item, record)
        switch status.state {
        case .failed: try observe(.failed(reason: status.failureReason ?? "the job failed"), current, report: &report)
        case .finished: try observe(.finished, current, report: &report)
        case .canceled, .initializing, .created, .running, .failing, .cancelling, .restarting, .suspended, .reconciling:
            try observe(.canceled, current, report: &report)
        }
        try complete(item, "stopped (\(status.state.rawValue))")
    }

    /// The job as stored now (its version moves with every recorded event).
    private func fresh(_ item: EngineWorkItem, _ record: EngineJobRecord) throws(JobError) -> EngineJobRecord {
        try queue.record(project: item.project, job: item.jobID) ?? record
    }
}
