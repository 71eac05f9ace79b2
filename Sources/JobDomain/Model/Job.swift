/// A stored job as readers see it: what a list page shows of it (`summary`: identity, status, times,
/// queue, savepoint, tags; read as `job.name`, `job.status`, …) plus its definition and version. Times
/// are epoch milliseconds, as on DLI's wire.
@dynamicMemberLookup
public struct Job: Sendable, Equatable {
    public var summary: JobSummary
    public var sqlBody: String?
    public var templateID: Int64?
    public var config: JobConfig
    /// Incremented by every change; the journal's sequence number.
    public var version: Int64
    /// How often the job was restarted since the user last ran it (a resubmission after the engine lost
    /// it, or a restart by its restart strategy, counts one); DLI's `restart_times`.
    public var restartTimes: Int = 0
    /// While true, the job cannot be deleted (a StreamJobs extension, `deletion_protection`).
    public var deletionProtection = false

    public init(
        projectID: ProjectID, id: JobID, name: String, description: String, jobType: JobType, status: JobStatus,
        statusDescription: String, queueName: String?, userName: String?, runMode: RunMode, sqlBody: String?,
        templateID: Int64?, config: JobConfig, tags: [JobTag], edgeGroupIDs: [String], rootID: Int64,
        hasSavepoint: Bool, savepointPath: String?, createdAtMillis: Int64, updatedAtMillis: Int64,
        startedAtMillis: Int64?, version: Int64
    ) {
        summary = JobSummary(
            projectID: projectID, id: id, name: name, description: description, jobType: jobType, status: status,
            statusDescription: statusDescription, queueName: queueName, userName: userName, runMode: runMode,
            tags: tags, edgeGroupIDs: edgeGroupIDs, rootID: rootID, hasSavepoint: hasSavepoint,
            savepointPath: savepointPath, createdAtMillis: createdAtMillis, updatedAtMillis: updatedAtMillis,
            startedAtMillis: startedAtMillis)
        self.sqlBody = sqlBody
        self.templateID = templateID
        self.config = config
        self.version = version
    }

    /// The summary's fields, as if they were the job's own.
    public subscript<Value>(dynamicMember field: WritableKeyPath<JobSummary, Value>) -> Value {
        get { summary[keyPath: field] }
        set { summary[keyPath: field] = newValue }
    }

    /// Run time so far in milliseconds (0 when never started), as DLI's `duration`.
    public func durationMillis(now: Int64) -> Int64 { summary.durationMillis(now: now) }
}

/// What a caller supplies to create a job; validated by the API layer against `JobLimits`.
public struct NewJob: Sendable, Equatable {
    public var name: String
    public var description: String = ""
    public var jobType: JobType
    public var queueName: String? = nil
    public var userName: String? = nil
    public var runMode: RunMode = .sharedCluster
    public var sqlBody: String? = nil
    public var templateID: Int64? = nil
    public var config = JobConfig()
    public var tags: [JobTag] = []
    public var edgeGroupIDs: [String] = []
    /// While true, the job cannot be deleted (a StreamJobs extension, `deletion_protection`).
    public var deletionProtection = false

    public init(name: String, jobType: JobType) {
        self.name = name
        self.jobType = jobType
    }
}
