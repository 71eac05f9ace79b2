import JobDomain

/// `log_enabled` needs `obs_bucket`, as in DLI: the logs are written to that bucket
/// (`<obs_bucket>/jobs/<job_id>/logs/`). Checked on the whole definition (after an update's merge), by
/// every create, update and import.
enum JobLogFields {
    /// - Throws: `APIError.invalidParameter("obs_bucket", …)` when `log_enabled` is true without a bucket.
    static func check(_ c: JobConfig) throws(APIError) {
        guard c.logEnabled, (c.obsBucket ?? "").isEmpty else { return }
        throw .invalidParameter(
            "obs_bucket", "is required when log_enabled is true: the job's logs are written to <obs_bucket>/jobs/<job_id>/logs/")
    }
}
