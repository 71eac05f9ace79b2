import FlinkSettings
import JobDomain

/// `runtime_config` keys that would silently undo what a job field asks of Flink, refused with the field
/// they conflict with. Checked on the whole definition (after an update's merge), by every create, update
/// and import:
/// - `restart-strategy.*` while `restart_when_exception` is true: that field (with `resume_max_num`)
///   chooses the restart strategy. With `restart_when_exception` false, `runtime_config` may choose it.
/// - `execution.checkpointing.externalized-checkpoint-retention` other than `RETAIN_ON_CANCELLATION`
///   while `checkpoint_enabled`: a job's checkpoints are kept when it is stopped.
enum RuntimeConfigConflicts {
    static let retention = "execution.checkpointing.externalized-checkpoint-retention"

    /// - Throws: `APIError.invalidParameter("runtime_config", …)` naming the key and the field.
    static func check(_ c: JobConfig) throws(APIError) {
        guard let text = c.runtimeConfig, let runtime = try? RuntimeConfig(parsing: text) else { return }
        if c.restartWhenException, let key = runtime.settings.first(where: { $0.key.hasPrefix("restart-strategy.") })?.key {
            throw .invalidParameter(
                "runtime_config",
                "\(key) conflicts with restart_when_exception/resume_max_num, which set the restart strategy; "
                    + "set restart_when_exception to false to choose it in runtime_config")
        }
        if c.checkpointEnabled,
            let setting = runtime.settings.first(where: { $0.key == retention }), setting.value != "RETAIN_ON_CANCELLATION"
        {
            throw .invalidParameter(
                "runtime_config", "\(retention) must be RETAIN_ON_CANCELLATION: a job's checkpoints are kept when it is stopped")
        }
    }
}
