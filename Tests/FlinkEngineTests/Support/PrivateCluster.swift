import TestSupport

/// Suites that stop, crash or resize a cluster run one of their own (a folder under `.local/flink` and
/// a port block), never the shared test cluster. This runs a command of `scripts/lib/flink.sh` on it.
enum PrivateCluster {
    /// Runs `command` (e.g. `sj_flink_crash '<folder>'`) with the scripts' Flink functions loaded.
    /// - Throws: `FlinkTestError` when the command fails.
    static func run(_ command: String) throws {
        let root = TestDatabase.repositoryRoot
        let status = Shell.run("source '\(root)/scripts/lib/common.sh' && source '\(root)/scripts/lib/flink.sh' && \(command)")
        guard status == 0 else { throw FlinkTestError(message: "cluster command failed (\(status)): \(command)") }
    }
}
