/// A stored job as readers see it. Times are epoch milliseconds, as on DLI's wire.
public struct Job: Sendable, Equatable {
    public var projectID: ProjectID
    public var id: JobID
    public var name: String
    public var description: String
    public var jobType: JobType
    public var status: JobStatus
    public var statusDescription: String
    public var queueName: String?
    public var userName: String?
    public var runMode: RunMode
    public var sqlBody: String?
    public var templateID: Int64?
    public var config: JobConfig
    public var tags: [JobTag]
    public var edgeGroupIDs: [String]
    /// Parent (edge) job id, −1 when none.
    public var rootID: Int64
    public var hasSavepoint: Bool
    public var savepointPath: String?
    public var createdAtMillis: Int64
    public var updatedAtMillis: Int64
    public var startedAtMillis: Int64?
    /// Incremented by every change; the journal's sequence number.
    public var version: Int64

    public init(
        projectID: ProjectID, id: JobID, name: String, description: String, jobType: JobType, status: JobStatus,
        statusDescription: String, queueName: String?, userName: String?, runMode: RunMode, sqlBody: String?,
        templateID: Int64?, config: JobConfig, tags: [JobTag], edgeGroupIDs: [String], rootID: Int64,
        hasSavepoint: Bool, savepointPath: String?, createdAtMillis: Int64, updatedAtMillis: Int64,
        startedAtMillis: Int64?, version: Int64
    ) {
        self.projectID = projectID
        self.id = id
        self.name = name
        self.description = description
        self.jobType = jobType
        self.status = status
        self.statusDescription = statusDescription
        self.queueName = queueName
        self.userName = userName
        self.runMode = runMode
        self.sqlBody = sqlBody
        self.templateID = templateID
        self.config = config
        self.tags = tags
        self.edgeGroupIDs = edgeGroupIDs
        self.rootID = rootID
        self.hasSavepoint = hasSavepoint
        self.savepointPath = savepointPath
        self.createdAtMillis = createdAtMillis
        self.updatedAtMillis = updatedAtMillis
        self.startedAtMillis = startedAtMillis
        self.version = version
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

    public init(name: String, jobType: JobType) {
        self.name = name
        self.jobType = jobType
    }
}
