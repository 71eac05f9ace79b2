/// The Flink settings a job may set through `runtime_config`.
///
/// Only job-level settings whose values are numbers, durations, sizes, switches or names: none of them
/// names a file, a folder, a URL or a class path (so no job can read or write outside its project's
/// object space, or load code from elsewhere), and none changes the cluster (memory, slots, ports,
/// high availability) or its security. Locations have their own checked fields (`checkpoint_path`,
/// savepoint paths, `dependency_jars`). Anything else is refused with the key's name.
public enum RuntimeConfigKeys {
    public static let allowed: Set<String> = [
        // The pipeline.
        "pipeline.name", "pipeline.max-parallelism", "pipeline.auto-watermark-interval", "pipeline.object-reuse",
        "pipeline.operator-chaining.enabled", "pipeline.global-job-parameters", "pipeline.auto-generate-uids",
        "parallelism.default", "execution.runtime-mode", "execution.buffer-timeout.enabled",
        "execution.buffer-timeout.interval",
        // Checkpointing (where checkpoints go is `checkpoint_path`, not a setting).
        "execution.checkpointing.interval", "execution.checkpointing.mode", "execution.checkpointing.timeout",
        "execution.checkpointing.min-pause", "execution.checkpointing.max-concurrent-checkpoints",
        "execution.checkpointing.tolerable-failed-checkpoints", "execution.checkpointing.unaligned.enabled",
        "execution.checkpointing.aligned-checkpoint-timeout", "execution.checkpointing.externalized-checkpoint-retention",
        "execution.checkpointing.incremental",
        // Restarts.
        "restart-strategy.type", "restart-strategy.fixed-delay.attempts", "restart-strategy.fixed-delay.delay",
        "restart-strategy.failure-rate.max-failures-per-interval", "restart-strategy.failure-rate.failure-rate-interval",
        "restart-strategy.failure-rate.delay", "restart-strategy.exponential-delay.initial-backoff",
        "restart-strategy.exponential-delay.max-backoff", "restart-strategy.exponential-delay.backoff-multiplier",
        "restart-strategy.exponential-delay.reset-backoff-threshold", "restart-strategy.exponential-delay.jitter-factor",
        "restart-strategy.exponential-delay.attempts-before-reset-backoff",
        // Flink SQL.
        "table.exec.state.ttl", "table.exec.mini-batch.enabled", "table.exec.mini-batch.allow-latency",
        "table.exec.mini-batch.size", "table.exec.source.idle-timeout", "table.exec.sink.not-null-enforcer",
        "table.exec.sink.upsert-materialize", "table.exec.resource.default-parallelism", "table.local-time-zone",
        "table.optimizer.agg-phase-strategy", "table.optimizer.distinct-agg.split.enabled",
        "table.exec.emit.early-fire.enabled", "table.exec.emit.early-fire.delay",
    ]
}
