/// How the Flink adapter reaches its cluster and finds files.
public struct FlinkEngineConfiguration: Sendable, Equatable {
    /// The JobManager REST base URL, e.g. `http://127.0.0.1:8081`.
    public var url: String
    /// The local folder that stands for the object store: `obs://bucket/key` is `<objectRoot>/bucket/key`.
    public var objectRoot: String
    /// The SQL runner jar built from `flink/sql-runner` (SQL jobs run as this jar).
    public var sqlRunnerJar: String
    /// Bound on cheap calls (status, cancel, savepoint triggers), in seconds.
    public var requestTimeoutSeconds: Double = 10
    /// Bound on jar uploads and job submissions (a SQL job is planned inside this call), in seconds.
    public var submitTimeoutSeconds: Double = 60

    public init(url: String, objectRoot: String, sqlRunnerJar: String) {
        self.url = url
        self.objectRoot = objectRoot
        self.sqlRunnerJar = sqlRunnerJar
    }
}
