/// A live engine job's input and output counters: what `POST …/jobs/metrics` returns per job
/// (dli-api.md §3.18, the SDK's `Metric`).
public struct EngineJobMetrics: Sendable, Equatable {
    public var sources: [EngineOperatorCount]
    public var sinks: [EngineOperatorCount]
    /// Records per second all sources emit now (Flink: Σ `numRecordsOutPerSecond` of the source operators).
    public var totalReadRate: Double
    /// Records per second all sinks take in now (Flink: Σ `numRecordsInPerSecond` of the sink operators).
    public var totalWriteRate: Double

    public init(sources: [EngineOperatorCount], sinks: [EngineOperatorCount], totalReadRate: Double, totalWriteRate: Double) {
        self.sources = sources
        self.sinks = sinks
        self.totalReadRate = totalReadRate
        self.totalWriteRate = totalWriteRate
    }

    /// A job that has not run on the engine (or that the engine has forgotten): nothing counted.
    public static let none = EngineJobMetrics(sources: [], sinks: [], totalReadRate: 0, totalWriteRate: 0)
}

/// One source or sink operator's counts.
public struct EngineOperatorCount: Sendable, Equatable {
    /// The operator as the engine names it (Flink: `Source: src[1]`, `snk[3]: Writer`).
    public var name: String
    /// Records the source emitted, or the sink received.
    public var records: Int64
    /// Records the operator could not handle (Flink: a sink's `numRecordsSendErrors`; 0 for sources,
    /// for which Flink counts none).
    public var corruptedRecords: Int64

    public init(name: String, records: Int64, corruptedRecords: Int64) {
        self.name = name
        self.records = records
        self.corruptedRecords = corruptedRecords
    }
}
