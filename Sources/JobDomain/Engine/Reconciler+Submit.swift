// Submitting jobs and taking savepoints of running ones.
extension Reconciler {
    /// Submits the job under an engine id derived from the work, so a repeated attempt cannot start a
    /// second engine job. Work for a job no longer in `job_submitting` (stopped or deleted meanwhile) is skipped.
    func submit(_ item: EngineWorkItem, _ record: EngineJobRecord, report: inout TickReport) throws(JobError) {
        guard !record.isDeleted, record.job.status == .jobSubmitting else {
            try complete(item, "superseded")
            return
        }
        let id = EngineJobID.derived(project: item.project, job: item.jobID, workVersion: item.workVersion)
        var resume = item.kind == .submitFromSavepoint && record.job.hasSavepoint ? record.job.savepointPath : nil
        var origin: String?
        if item.kind == .restore || item.kind == .submit {
            switch startPoint(item, record, newID: id) {
            case .fresh:
                break
            case .state(let path, let note):
                resume = path
                origin = note
            case .engineUnavailable(let reason):
                report.engineUnavailable = true
                try describe("engine unavailable (\(reason)); the resubmission is pending", record)
                try retry(item, step: .new, note: reason)
                return
            }
        }
        try queue.setEngineJob(
            id, project: item.project, job: item.jobID, checkpointDir: JobStateLocations.checkpointBase(record.job),
            restoredFrom: resume)
        switch engineCall({ () throws(EngineError) in
            try engine.submit(EngineSubmission(job: record.job, engineJobID: id, savepointPath: resume))
        }) {
        case .success:
            break
        case .failure(.unavailable(let reason)):
            report.engineUnavailable = true
            try describe("engine unavailable (\(reason)); the submission is pending", record)
            try retry(item, step: .new, note: reason)
            return
        case .failure(let error):
            try observe(.submitFailed(reason: error.reason), record, report: &report)
            try complete(item, "failed")
            return
        }
        try observe(.submitted(id, origin: origin), record, report: &report)
        try complete(item, "submitted")
    }

    /// Triggers a savepoint of a running job and records where it was written.
    func savepoint(_ item: EngineWorkItem, _ record: EngineJobRecord, report: inout TickReport) throws(JobError) {
        guard let id = record.engineJobID, !record.isDeleted, record.job.status == .jobRunning else {
            try complete(item, "superseded")
            return
        }
        switch item.step {
        case .new, .requested:
            let directory = item.savepointDirectory ?? savepointDirectory(record.job)
            switch engineCall({ () throws(EngineError) in
                try engine.triggerSavepoint(id, project: record.job.projectID, directory: directory)
            }) {
            case .success(let request):
                try retry(item, step: .savepointing, savepointRequest: request, delayMillis: configuration.operationPollMillis)
            case .failure(let error):
                try savepointError(error, item, record, report: &report)
            }
        case .savepointing:
            guard let request = item.savepointRequest else { return try retry(item, step: .new, delayMillis: 0) }
            switch engineCall({ () throws(EngineError) in
                try engine.savepointProgress(of: id, project: record.job.projectID, request: request)
            }) {
            case .success(.inProgress):
                try retry(item, step: .savepointing, savepointRequest: request, delayMillis: configuration.operationPollMillis)
            case .success(.completed(let path)):
                try observe(.savepointCompleted(path: path), record, report: &report)
                try complete(item, "savepoint taken")
            case .success(.failed(let reason)):
                try observe(.savepointFailed(reason: reason), record, report: &report)
                try complete(item, "savepoint failed")
            case .failure(let error):
                try savepointError(error, item, record, report: &report)
            }
        }
    }

    private func savepointError(_ error: EngineError, _ item: EngineWorkItem, _ record: EngineJobRecord, report: inout TickReport)
        throws(JobError)
    {
        if case .unavailable(let reason) = error {
            report.engineUnavailable = true
            try retry(item, step: item.step, savepointRequest: item.savepointRequest, note: reason)
        } else {
            try observe(.savepointFailed(reason: error.reason), record, report: &report)
            try complete(item, "savepoint failed")
        }
    }

    /// The savepoint directory for the job (`JobStateLocations.savepointBase`), nil for the engine's default.
    func savepointDirectory(_ job: Job) -> String? {
        JobStateLocations.savepointBase(job)
    }
}
