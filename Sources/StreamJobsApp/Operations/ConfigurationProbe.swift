import Glibc

/// The part of the configuration `GET /readyz` checks again on every probe: the files and folders that
/// were fine at start-up (`serve` refuses to start otherwise) but can vanish or change while it runs.
/// A problem names the key and the reason, never the value (the endpoint is unauthenticated).
struct ConfigurationProbe: Sendable {
    /// The SQL runner jar; nil when no engine is configured (it is then not needed).
    let sqlRunnerJar: String?
    /// The object store's folder (export/import archives, Jar files, checkpoints, savepoints).
    let objectRoot: String

    init(sqlRunnerJar: String?, objectRoot: String) {
        self.sqlRunnerJar = sqlRunnerJar
        self.objectRoot = objectRoot
    }

    /// The paths `configuration` names.
    init(_ configuration: ServiceConfiguration) {
        self.init(sqlRunnerJar: configuration.engine?.flink.sqlRunnerJar, objectRoot: configuration.objectRoot)
    }

    /// One `KEY: reason` line per problem, empty when the configuration still holds. A few `stat` and
    /// `access` calls: cheap enough for every uncached probe.
    func problems() -> [String] {
        var problems: [String] = []
        if let jar = sqlRunnerJar, let reason = EngineConfiguration.unreadableFile(jar) {
            problems.append("STREAMJOBS_FLINK_SQL_RUNNER_JAR: \(reason)")
        }
        if let reason = Self.unusableDirectory(objectRoot) {
            problems.append("STREAMJOBS_OBJECT_ROOT: \(reason)")
        }
        return problems
    }

    /// Why `path` is not a directory this process can read and write, or nil when it is.
    static func unusableDirectory(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return errno == ENOENT ? "no such directory" : String(cString: strerror(errno)) }
        guard info.st_mode & S_IFMT == S_IFDIR else { return "not a directory" }
        guard access(path, R_OK | W_OK | X_OK) == 0 else {
            return "not readable and writable by this user: \(String(cString: strerror(errno)))"
        }
        return nil
    }
}
