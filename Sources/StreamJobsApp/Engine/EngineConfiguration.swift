import FlinkEngine
import Glibc
import JobDomain

/// The engine reconciler's configuration; present only when `STREAMJOBS_FLINK_URL` is set (without it,
/// run/stop/delete are recorded and carried out once an instance with an engine runs).
public struct EngineConfiguration: Sendable, Equatable {
    public var flink: FlinkEngineConfiguration
    public var reconciler: ReconcilerConfiguration
    /// Reconciler threads in this instance.
    public var threads: Int

    /// Reads the `STREAMJOBS_FLINK_*` / `STREAMJOBS_ENGINE_*` / `STREAMJOBS_OBJECT_ROOT` keys; nil when
    /// `STREAMJOBS_FLINK_URL` is unset. Bad values are reported to `env`, and so is a SQL runner jar that
    /// is not a readable file when an engine is configured (the service would accept SQL jobs it cannot run).
    static func read(_ env: inout EnvironmentReader, layout: InstallLayout = .current) -> EngineConfiguration? {
        let url = env.string("STREAMJOBS_FLINK_URL", default: "")
        let root = env.string("STREAMJOBS_OBJECT_ROOT", default: ".local/objects")
        let runner = env.string("STREAMJOBS_FLINK_SQL_RUNNER_JAR", default: layout.sqlRunnerJar)
        let timeout = env.int("STREAMJOBS_FLINK_TIMEOUT_SECONDS", default: 10, range: 1...300)
        let submitTimeout = env.int("STREAMJOBS_FLINK_SUBMIT_TIMEOUT_SECONDS", default: 60, range: 1...600)
        let threads = env.int("STREAMJOBS_ENGINE_THREADS", default: 2, range: 1...64)
        let instance = env.string("STREAMJOBS_ENGINE_INSTANCE", default: Self.defaultInstanceName())
        let poll = env.int("STREAMJOBS_ENGINE_POLL_INTERVAL_MS", default: 1000, range: 50...600_000)
        let lease = env.int("STREAMJOBS_ENGINE_LEASE_MS", default: 30_000, range: 1000...3_600_000)
        let deadline = env.int("STREAMJOBS_ENGINE_STOP_DEADLINE_SECONDS", default: 20, range: 1...3600)
        let savepointOnDelete = env.choice("STREAMJOBS_ENGINE_SAVEPOINT_ON_DELETE", default: "true", allowed: ["true", "false"])
        guard !url.isEmpty else { return nil }
        if !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            env.report("STREAMJOBS_FLINK_URL=\(url.prefix(40)): must be an http:// or https:// URL")
        }
        if let problem = Self.unreadableFile(absolute(runner)) {
            env.report(
                "STREAMJOBS_FLINK_SQL_RUNNER_JAR=\(absolute(runner).prefix(200)): \(problem); the SQL runner jar is needed "
                    + "with STREAMJOBS_FLINK_URL (scripts/install puts it in <prefix>/share/streamjobs/sql-runner.jar)")
        }
        var flink = FlinkEngineConfiguration(url: url, objectRoot: absolute(root), sqlRunnerJar: absolute(runner))
        flink.requestTimeoutSeconds = Double(timeout)
        flink.submitTimeoutSeconds = Double(submitTimeout)
        var reconciler = ReconcilerConfiguration(owner: instance)
        reconciler.pollIntervalMillis = Int64(poll)
        reconciler.leaseMillis = Int64(lease)
        reconciler.stopDeadlineMillis = Int64(deadline) * 1000
        reconciler.savepointOnDelete = savepointOnDelete == "true"
        return EngineConfiguration(flink: flink, reconciler: reconciler, threads: threads)
    }

    /// Why `path` is not a regular file this process can read, or nil when it is.
    static func unreadableFile(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return errno == ENOENT ? "no such file" : String(cString: strerror(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { return "not a regular file" }
        guard access(path, R_OK) == 0 else { return "not readable: \(String(cString: strerror(errno)))" }
        return nil
    }

    /// `<hostname>-<pid>`: unique per running instance.
    static func defaultInstanceName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count) == 0 ? Self.text(upToNUL: buffer) : "host"
        return "\(host)-\(getpid())"
    }

    /// `path` made absolute against the working directory.
    static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        return Self.text(upToNUL: buffer) + "/" + path
    }

    /// The UTF-8 text of a C buffer up to its first NUL (all of it when it has none).
    static func text(upToNUL buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    var summary: String {
        "flink=\(flink.url) sql_runner=\(flink.sqlRunnerJar) objects=\(flink.objectRoot) instance=\(reconciler.owner) threads=\(threads)"
    }
}
