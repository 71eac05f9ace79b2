import Foundation
import Glibc

/// A throw-away PostgreSQL cluster of a test's own (under the repo's `.local/`), started and stopped
/// through `scripts/lib/common.sh`, so a test can take the database away and bring it back without
/// touching the shared test server. Each user picks its own name and a port BELOW the kernel's
/// ephemeral range (32768-60999 here): a test that makes thousands of client connections can
/// otherwise hold the cluster's port as a client port, and the restart fails with "Address already
/// in use".
public final class LocalCluster: Sendable {
    public let port: Int
    public let directory: String
    /// The URL of the cluster's database `streamjobs`.
    public let databaseURL: String

    /// Creates (afresh) and starts a cluster named `name` on `port`.
    /// - Throws: `TestDatabaseError` when the scripts fail.
    public init(name: String, port: Int) throws {
        self.port = port
        directory = "\(TestDatabase.repositoryRoot)/.local/\(name)"
        databaseURL = "postgresql://postgres@127.0.0.1:\(port)/streamjobs"
        try run("sj_pg_stop '\(directory)'; rm -rf '\(directory)'")
        try start()
    }

    public func start() throws { try run("sj_pg_start '\(directory)' \(port) streamjobs") }

    /// Stops the cluster: `fast` ends sessions cleanly, `immediate` is a crash-like stop.
    public func stop(mode: String = "fast") throws {
        try run("sj_pg_as_owner \"$SJ_PG_BIN/pg_ctl\" -D '\(directory)/data' -m \(mode) -w stop >/dev/null")
    }

    deinit { try? run("sj_pg_stop '\(directory)'; rm -rf '\(directory)'") }

    private func run(_ script: String) throws {
        let status = Shell.run("source '\(TestDatabase.repositoryRoot)/scripts/lib/common.sh' && \(script)")
        guard status == 0 else {
            // Keep the server's last words for the failure message.
            _ = Shell.run("tail -n 15 '\(directory)/data/server.log' > '\(directory).lastlog' 2>&1")
            let log = (try? String(contentsOfFile: directory + ".lastlog", encoding: .utf8)) ?? ""
            throw TestDatabaseError(message: "cluster command failed (\(status)): \(script)\n\(log)")
        }
    }
}

/// Runs shell commands with posix_spawn + waitpid. (Foundation's `Process` waits for its output pipe
/// to close, and a PostgreSQL server started by the command keeps it open: the test would hang.)
public enum Shell {
    /// Runs `command` with `/bin/bash -c`; returns its exit status, or -1 when it could not start.
    public static func run(_ command: String) -> Int32 {
        var pid = pid_t()
        let arguments = ["/bin/bash", "-c", command]
        var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        guard posix_spawn(&pid, "/bin/bash", nil, nil, &pointers, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }
}

extension TestDatabase {
    /// The repository's root folder, found from this file's path.
    public static var repositoryRoot: String {
        let parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        return parts.dropLast(3).joined(separator: "/")
    }
}
