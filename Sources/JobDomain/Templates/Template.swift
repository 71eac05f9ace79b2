/// A template identifier: a positive 64-bit integer (the SDK types `template_id` as `int`).
public struct TemplateID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The numeric value, always ≥ 1.
    public let rawValue: Int64

    /// Wraps a positive value; nil for zero or negative values.
    public init?(_ value: Int64) {
        guard value > 0 else { return nil }
        rawValue = value
    }

    /// Parses the canonical decimal form, with the same rules as `JobID(decimal:)`.
    public init?(decimal text: String) {
        guard let id = JobID(decimal: text) else { return nil }
        rawValue = id.rawValue
    }

    public var description: String { String(rawValue) }
    public static func < (lhs: TemplateID, rhs: TemplateID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The job types a Flink SQL job template may have (dli-api.md §3.16); `flink_sql_job` by default.
public enum TemplateJobType: String, CaseIterable, Sendable {
    case flinkSQL = "flink_sql_job"
    case flinkOpenSourceSQL = "flink_opensource_sql_job"
}

/// A stored Flink SQL job template as readers see it. Times are epoch milliseconds.
public struct Template: Sendable, Equatable {
    public var projectID: ProjectID
    public var id: TemplateID
    public var name: String
    public var description: String
    public var sqlBody: String
    public var jobType: TemplateJobType
    public var tags: [JobTag]
    public var createdAtMillis: Int64
    public var updatedAtMillis: Int64

    public init(
        projectID: ProjectID, id: TemplateID, name: String, description: String, sqlBody: String,
        jobType: TemplateJobType, tags: [JobTag], createdAtMillis: Int64, updatedAtMillis: Int64
    ) {
        self.projectID = projectID
        self.id = id
        self.name = name
        self.description = description
        self.sqlBody = sqlBody
        self.jobType = jobType
        self.tags = tags
        self.createdAtMillis = createdAtMillis
        self.updatedAtMillis = updatedAtMillis
    }
}

/// What a caller supplies to create a template; validated by the API layer against `TemplateLimits`.
public struct NewTemplate: Sendable, Equatable {
    public var name: String
    public var description = ""
    public var sqlBody = ""
    public var jobType = TemplateJobType.flinkSQL
    public var tags: [JobTag] = []

    public init(name: String) {
        self.name = name
    }
}

/// The fields an update changes; nil leaves a field as it is.
public struct TemplateChanges: Sendable, Equatable {
    public var name: String? = nil
    public var description: String? = nil
    public var sqlBody: String? = nil

    public init(name: String? = nil, description: String? = nil, sqlBody: String? = nil) {
        self.name = name
        self.description = description
        self.sqlBody = sqlBody
    }
}
