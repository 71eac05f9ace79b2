import Glibc

/// Where the service's data files are when nothing names them: an installed binary
/// (`scripts/install --prefix DIR`: `DIR/bin/streamjobs`) finds them in `DIR/share/streamjobs`, found
/// from the executable's own path (`/proc/self/exe`), wherever `DIR` was copied to; without that
/// folder the defaults are a checkout's, relative to the working directory.
public struct InstallLayout: Sendable, Equatable {
    /// `<folder of the executable>/../share/streamjobs` when it is a directory, else nil.
    public let shareDirectory: String?

    /// The running executable's layout, found once.
    public static let current = InstallLayout(executablePath: readSymbolicLink("/proc/self/exe"))

    /// The layout of an executable at `executablePath` (absolute, symbolic links resolved as
    /// `/proc/self/exe` gives it); nil or a path without a share folder: the checkout's defaults.
    public init(executablePath: String?) {
        shareDirectory = executablePath.flatMap(Self.shareDirectory(forExecutable:))
    }

    /// `STREAMJOBS_MIGRATIONS_DIR`'s default.
    public var migrationsDirectory: String { shareDirectory.map { $0 + "/migrations" } ?? "migrations" }
    /// `STREAMJOBS_FLINK_SQL_RUNNER_JAR`'s default.
    public var sqlRunnerJar: String { shareDirectory.map { $0 + "/sql-runner.jar" } ?? ".local/flink/jars/sql-runner.jar" }
    /// The installed OpenAPI document, when installed.
    public var openAPIDocument: String? { shareDirectory.map { $0 + "/openapi.json" } }

    static func shareDirectory(forExecutable path: String) -> String? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard path.hasPrefix("/"), parts.count >= 2 else { return nil }
        parts.removeLast(2)  // the executable's name and its folder (bin)
        let share = "/" + (parts + ["share", "streamjobs"]).joined(separator: "/")
        var info = stat()
        guard stat(share, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return share
    }

    /// The target of the symbolic link at `path`, or nil.
    static func readSymbolicLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
