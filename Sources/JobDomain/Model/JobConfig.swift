/// A job's engine configuration: the `job_config` object of DLI's job detail (dli-api.md §3.7).
///
/// Defaults are DLI's documented ones (§3.1, §7). Jar-only fields are nil/empty for SQL jobs.
public struct JobConfig: Sendable, Equatable {
    public var cuNumber = 2
    public var parallelNumber = 1
    public var managerCuNumber = 1
    public var tmCus = 1
    public var tmSlotNum: Int? = nil
    public var checkpointEnabled = false
    public var checkpointMode = CheckpointMode.exactlyOnce
    /// Seconds between checkpoints.
    public var checkpointInterval = 10
    public var obsBucket: String? = nil
    public var logEnabled = false
    public var smnTopic: String? = nil
    public var restartWhenException = false
    /// Seconds.
    public var idleStateRetention = 3600
    /// `"0"` ignore, `"1"` raise, `"2:<obsDir>"` save.
    public var dirtyDataStrategy = "0"
    public var udfJarURL: String? = nil
    public var resumeCheckpoint = false
    /// Restarts per hour; −1 means unlimited.
    public var resumeMaxNum = -1
    public var runtimeConfig: String? = nil
    public var flinkVersion: String? = nil
    public var executionAgencyURN: String? = nil
    public var resourceConfigVersion: String? = nil
    /// The v2 `resource_config` object as compact JSON text, kept verbatim.
    public var resourceConfigJSON: String? = nil
    public var flinkLogConfig: String? = nil
    public var operatorConfig: String? = nil
    public var staticEstimatorConfig: String? = nil
    // Jar jobs.
    public var mainClass: String? = nil
    public var entrypoint: String? = nil
    public var entrypointArgs: String? = nil
    public var dependencyJars: [String] = []
    public var dependencyFiles: [String] = []
    public var checkpointPath: String? = nil
    public var feature: String? = nil
    public var image: String? = nil

    public init() {}
}
