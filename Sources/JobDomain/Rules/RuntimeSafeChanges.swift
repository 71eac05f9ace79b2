extension NewJob {
    /// Whether `self` differs from `current` only in fields a running job may change in place: the alarm
    /// topic, the restart policy and the OBS bucket (DLI's Terraform provider changes exactly these
    /// without stopping the job, dli-api.md §3.2), and StreamJobs' `deletion_protection`.
    public func changesOnlyRuntimeSafeFields(comparedTo current: NewJob) -> Bool {
        var normalized = self
        normalized.config.smnTopic = current.config.smnTopic
        normalized.config.restartWhenException = current.config.restartWhenException
        normalized.config.resumeCheckpoint = current.config.resumeCheckpoint
        normalized.config.resumeMaxNum = current.config.resumeMaxNum
        normalized.config.obsBucket = current.config.obsBucket
        normalized.deletionProtection = current.deletionProtection  // not an engine setting
        return normalized == current
    }
}
