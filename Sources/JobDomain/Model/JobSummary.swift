/// What a list page shows of a job (DLI's list items without `show_detail`): identity, status, times,
/// queue, savepoint and tags; not the SQL text or the configuration. Times are epoch milliseconds.
public struct JobSummary: Sendable, Equatable {
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
    public var tags: [JobTag]
    public var edgeGroupIDs: [String]
    /// Parent (edge) job id, −1 when none.
    public var rootID: Int64
    public var hasSavepoint: Bool
    public var savepointPath: String?
    public var createdAtMillis: Int64
    public var updatedAtMillis: Int64
    public var startedAtMillis: Int64?

    public init(
        projectID: ProjectID, id: JobID, name: String, description: String, jobType: JobType, status: JobStatus,
        statusDescription: String, queueName: String?, userName: String?, runMode: RunMode, tags: [JobTag],
        edgeGroupIDs: [String], rootID: Int64, hasSavepoint: Bool, savepointPath: String?, createdAtMillis: Int64,
        updatedAtMillis: Int64, startedAtMillis: Int64?
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
        self.tags = tags
        self.edgeGroupIDs = edgeGroupIDs
        self.rootID = rootID
        self.hasSavepoint = hasSavepoint
        self.savepointPath = savepointPath
        self.createdAtMillis = createdAtMillis
        self.updatedAtMillis = updatedAtMillis
        self.startedAtMillis = startedAtMillis
    }

    /// Run time so far in milliseconds (0 when never started), as DLI's `duration`: up to `now` while
    /// running, else up to the last change.
    public func durationMillis(now: Int64) -> Int64 {
        guard let started = startedAtMillis else { return 0 }
        return status == .jobRunning ? max(0, now - started) : max(0, updatedAtMillis - started)
    }
}
