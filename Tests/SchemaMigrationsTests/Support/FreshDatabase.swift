import PostgresClient
import TestSupport

/// Creates a fresh database, opens a connection to it, runs `body`, then closes and drops everything.
func withFreshDatabase<R>(_ body: (_ url: String, _ connection: PGConnection) throws -> R) throws -> R {
    let url = try TestDatabase.create(label: "migrations")
    defer { TestDatabase.drop(url) }
    let connection = try PGConnection(conninfo: url)
    defer { connection.close() }
    return try body(url, connection)
}

/// The error `body` throws as a `MigrationError`, or `nil`.
func migrationError(_ body: () throws -> Void) -> MigrationErrorBox? {
    do {
        try body()
        return nil
    } catch {
        return MigrationErrorBox(error: error)
    }
}

import SchemaMigrations

/// Any error, with a `MigrationError` view for matching.
struct MigrationErrorBox {
    let error: any Error
    var migration: MigrationError? { error as? MigrationError }
}

/// Opens a connection to the configured test server, runs `body`, closes it.
func withTestConnection<R>(_ body: (PGConnection) throws -> R) throws -> R {
    let connection = try PGConnection(conninfo: TestDatabase.url())
    defer { connection.close() }
    return try body(connection)
}
