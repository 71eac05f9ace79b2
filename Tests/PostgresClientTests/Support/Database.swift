import PostgresClient
import TestSupport

/// Opens a connection to the test server, runs `body`, closes it.
func withTestConnection<R>(_ body: (PGConnection) throws -> R) throws -> R {
    let connection = try PGConnection(conninfo: TestDatabase.url())
    defer { connection.close() }
    return try body(connection)
}

/// The error `body` throws as a `PGError`, or `nil` when it throws none (or another type).
func pgError(_ body: () throws -> Void) -> PGError? {
    do {
        try body()
        return nil
    } catch {
        return error as? PGError
    }
}

/// `SELECT pg_backend_pid()`.
let backendPID = PGStatement(name: "test.backend_pid", sql: "SELECT pg_backend_pid()")

/// Terminates a backend from another session and waits until it is gone.
func terminateBackend(_ pid: Int64) throws {
    try withTestConnection { admin throws in
        _ = try admin.execute(PGStatement(name: "test.terminate", sql: "SELECT pg_terminate_backend($1::int)"), [pid])
        let gone = PGStatement(name: "test.gone", sql: "SELECT count(*) FROM pg_stat_activity WHERE pid = $1::int")
        var attempts = 0
        while try admin.execute(gone, [pid]).int(0, 0) != 0 && attempts < 200 {
            sleep(milliseconds: 10)
            attempts += 1
        }
    }
}
