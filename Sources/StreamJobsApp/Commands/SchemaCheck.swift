import ArgumentParser
import Logging
import PostgresClient
import SchemaMigrations

/// The start-up schema check: refuse to serve a database whose schema is changed, has gaps, is
/// newer than this binary, or is missing migrations. An unreachable database is not fatal: the
/// service starts and answers 503 until the database is back.
struct SchemaCheck {
    let databaseURL: String
    let migrations: MigrationSet
    let logger: Logger

    func atStartup() throws {
        let connection: PGConnection
        do {
            connection = try PGConnection(conninfo: databaseURL)
        } catch {
            logger.warning("database unreachable at start-up; answering 503 until it is back", metadata: ["db.error": "\(error)"])
            return
        }
        defer { connection.close() }
        let migrator = Migrator(connection: connection, migrations: migrations)
        do {
            try migrator.verify()
            let pending = try migrator.status().filter { !$0.isApplied }
            if let first = pending.first {
                Console.error(
                    "schema: migration \(first.label) and \(pending.count - 1) more are not applied; run 'streamjobs migrate up'")
                throw ExitCode(2)
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.error("schema: \(error)")
            throw ExitCode(2)
        }
    }
}
