import FlinkEngine
import JobDomain
import JobStorePostgres
import Logging
import PostgresClient
import ServiceMetrics

extension ServiceRuntime {
    /// What the runtime builds over one engine: the reconciler's threads and the queries the API answers
    /// `/execute-graph`, `/gen-graph` and `/jobs/metrics` with. All share one metered Flink adapter.
    struct EngineParts {
        let runner: ReconcilerRunner
        let executionGraph: ExecutionGraphQuery
        let streamGraph: StreamGraphQuery
        let jobMetrics: JobMetricsQuery
        /// Whether the cluster answers, for `/readyz`.
        let probe: @Sendable () -> Bool
    }

    /// The reconciler and the plan queries over the PostgreSQL work queue and the Flink engine.
    static func makeEngine(
        _ configuration: EngineConfiguration, pool: PGPool, metrics: ReconcilerMetrics, logger: Logger
    ) -> EngineParts {
        let queue = PostgresEngineWorkQueue(pool: pool, logger: logger)
        let flink = FlinkEngine(configuration: configuration.flink)
        let engine = MeteredEngine(engine: flink, metrics: metrics)
        let reconciler = Reconciler(queue: queue, engine: engine, configuration: configuration.reconciler)
        return EngineParts(
            runner: ReconcilerRunner(reconciler: reconciler, metrics: metrics, logger: logger),
            executionGraph: ExecutionGraphQuery(queue: queue, engine: engine),
            streamGraph: StreamGraphQuery(queue: queue, engine: engine),
            jobMetrics: JobMetricsQuery(queue: queue, engine: engine),
            probe: { flink.isReachable() })
    }
}
