/// The kind of a Flink job, as DLI names it (dli-api.md §3.1, §3.6).
public enum JobType: String, CaseIterable, Sendable {
    case flinkSQL = "flink_sql_job"
    case flinkOpenSourceSQL = "flink_opensource_sql_job"
    case flinkSQLEdge = "flink_sql_edge_job"
    case flinkJar = "flink_jar_job"

    /// Whether jobs of this type carry `sql_body`.
    public var isSQL: Bool { self != .flinkJar }
}

/// Where a job runs (dli-api.md §3.1 `run_mode`).
public enum RunMode: String, CaseIterable, Sendable {
    case sharedCluster = "shared_cluster"
    case exclusiveCluster = "exclusive_cluster"
    case edgeNode = "edge_node"
}

/// Checkpoint semantics. Requests carry the number (1, 2); responses the name.
public enum CheckpointMode: Int, CaseIterable, Sendable {
    case exactlyOnce = 1
    case atLeastOnce = 2

    /// The response spelling: `exactly_once` / `at_least_once`.
    public var wireName: String {
        switch self {
        case .exactlyOnce: return "exactly_once"
        case .atLeastOnce: return "at_least_once"
        }
    }
}

/// A `{key, value}` tag on a job.
public struct JobTag: Sendable, Equatable, Hashable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
