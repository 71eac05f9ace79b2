/// A page of a project's live jobs, filtered (dli-api.md §3.6). Every filter is optional.
public struct JobListQuery: Sendable, Equatable {
    /// Case-insensitive substring of the job name.
    public var name: String? = nil
    public var status: JobStatus? = nil
    public var jobType: JobType? = nil
    public var queueName: String? = nil
    public var userName: String? = nil
    /// Jobs carrying every one of these tags.
    public var tags: [JobTag] = []
    /// Sub-jobs of this edge parent; without it, only top-level jobs (root id −1).
    public var rootJobID: Int64? = nil
    /// Oldest first when true; DLI's default is newest first.
    public var ascending = false
    public var offset = 0
    public var limit = JobLimits.listDefaultLimit

    public init() {}
}

/// One page of jobs (each a `JobSummary` or a whole `Job`) and how many jobs match the filter in all.
public struct JobPage<Item: Sendable & Equatable>: Sendable, Equatable {
    public var totalCount: Int64
    public var jobs: [Item]

    public init(totalCount: Int64, jobs: [Item]) {
        self.totalCount = totalCount
        self.jobs = jobs
    }
}

/// Field changes a lifecycle transition carries besides the status.
public struct JobFieldChanges: Sendable, Equatable {
    /// Attach this savepoint (sets `has_savepoint`).
    public var savepointPath: String? = nil
    /// Parameters for the engine work the transition enqueues (e.g. `savepoint_path`).
    public var engineParameters: [String: String] = [:]

    public init(savepointPath: String? = nil, engineParameters: [String: String] = [:]) {
        self.savepointPath = savepointPath
        self.engineParameters = engineParameters
    }

    public static let none = JobFieldChanges()
}

extension Job {
    /// The job's editable definition, as an update starts from it.
    public var definition: NewJob {
        var d = NewJob(name: summary.name, jobType: summary.jobType)
        d.description = summary.description
        d.queueName = summary.queueName
        d.userName = summary.userName
        d.runMode = summary.runMode
        d.sqlBody = sqlBody
        d.templateID = templateID
        d.config = config
        d.tags = summary.tags
        d.edgeGroupIDs = summary.edgeGroupIDs
        d.deletionProtection = deletionProtection
        return d
    }
}
