/// The plan the engine's planner makes of a job without running it: what `gen-graph` returns
/// (dli-api.md §3.14). On Flink it is the job graph of `POST /jars/{id}/plan` (operators already chained).
public struct EnginePlan: Sendable, Equatable {
    /// The id the engine gave the planned (never started) job.
    public var engineJobID: String
    public var name: String
    /// In the engine's order (Flink lists sinks first).
    public var nodes: [EnginePlanNode]

    public init(engineJobID: String, name: String, nodes: [EnginePlanNode]) {
        self.engineJobID = engineJobID
        self.name = name
        self.nodes = nodes
    }
}

/// One vertex of an ``EnginePlan``: a chain of operators that runs as one task.
public struct EnginePlanNode: Sendable, Equatable {
    public var id: String
    /// The operators of the chain, one per line (Flink's description without its HTML).
    public var description: String
    public var parallelism: Int
    public var operatorName: String
    public var operatorStrategy: String
    /// The nodes whose output this node reads; empty for a source.
    public var inputs: [EnginePlanInput]

    public init(
        id: String, description: String, parallelism: Int, operatorName: String, operatorStrategy: String,
        inputs: [EnginePlanInput]
    ) {
        self.id = id
        self.description = description
        self.parallelism = parallelism
        self.operatorName = operatorName
        self.operatorStrategy = operatorStrategy
        self.inputs = inputs
    }
}

/// An edge into an ``EnginePlanNode``.
public struct EnginePlanInput: Sendable, Equatable {
    /// The upstream node's id.
    public var id: String
    /// How records are distributed (Flink: `FORWARD`, `HASH`, `REBALANCE`, …).
    public var shipStrategy: String
    /// How the data is exchanged (Flink: `pipelined_bounded`, `blocking`, …).
    public var exchange: String

    public init(id: String, shipStrategy: String, exchange: String) {
        self.id = id
        self.shipStrategy = shipStrategy
        self.exchange = exchange
    }
}
