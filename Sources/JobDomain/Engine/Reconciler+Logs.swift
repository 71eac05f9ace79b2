// Collecting a job's logs into its obs_bucket: `collect_logs` work, enqueued by every transition that
// ends a run or a stop of a job with `log_enabled` and an `obs_bucket` (`JobLogCollection`), and by
// `POST …/jobs/{job_id}/logs`. Work of one job is done in order, so a later run's submission waits until
// the previous engine job's logs are written, and the record still names that engine job.
extension Reconciler {
    func collectLogs(_ item: EngineWorkItem, _ record: EngineJobRecord, report: inout TickReport) throws(JobError) {
        guard let base = JobStateLocations.logsBase(record.job) else {
            try complete(item, "logs not enabled (log_enabled false or no obs_bucket)")
            return
        }
        guard let id = record.engineJobID else {
            try complete(item, "no engine job, no logs")
            return
        }
        let lastAttempt = item.attempts >= configuration.logCollectionAttempts
        let request = EngineLogRequest(
            engineJobID: id, job: record.job, folder: "\(base)/\(id.rawValue)", writeWhatIsKnown: lastAttempt)
        switch engineCall({ () throws(EngineError) in try engine.collectLogs(request) }) {
        case .success(let written):
            let known = written.engineKnewJob ? "" : " (the engine no longer knows the job)"
            try complete(item, "logs written: \(written.files.joined(separator: ", "))\(known)")
        case .failure(.unavailable(let reason)):
            report.engineUnavailable = true
            try retry(item, step: .new, note: reason)
        case .failure(let error):
            try complete(item, "logs not written: \(error.reason)")
        }
    }
}
