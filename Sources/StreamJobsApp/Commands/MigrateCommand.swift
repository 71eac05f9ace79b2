import ArgumentParser
import PostgresClient
import SchemaMigrations

/// `streamjobs migrate up [N] | down N | status | verify`: the schema is administered through the
/// numbered SQL files in `migrations/` (STREAMJOBS_MIGRATIONS_DIR).
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply, revert, list or verify schema migrations.",
        subcommands: [Up.self, Down.self, Status.self, Verify.self])

    /// Connects and runs `body` with a migrator; prints errors as one line and exits 1.
    static func withMigrator(_ body: (Migrator) throws -> Void) throws {
        let url = try ConfigurationLoader.migrateDatabaseURL()
        let migrations = try ConfigurationLoader.migrations(ConfigurationLoader.migrationsDirectory())
        do {
            let connection = try PGConnection(conninfo: url)
            defer { connection.close() }
            try body(Migrator(connection: connection, migrations: migrations))
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.error("migrate: \(error)")
            throw ExitCode(1)
        }
    }

    struct Up: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending migrations (all, or the next N).")
        @Argument(help: "How many pending migrations to apply (default: all).") var steps: Int?

        func run() throws {
            try MigrateCommand.withMigrator { migrator in
                let applied = try migrator.up(steps: steps)
                if applied.isEmpty { Console.out("schema is up to date") }
                for m in applied { Console.out("applied \(m.label)") }
            }
        }
    }

    struct Down: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revert the last N applied migrations.")
        @Argument(help: "How many applied migrations to revert.") var steps: Int

        func run() throws {
            try MigrateCommand.withMigrator { migrator in
                for m in try migrator.down(steps: steps) { Console.out("reverted \(m.label)") }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List migrations and whether each is applied.")
        func run() throws {
            try MigrateCommand.withMigrator { migrator in
                for s in try migrator.status() { Console.out("\(s.isApplied ? "applied" : "pending") \(s.label)") }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check applied migrations against the files: changed files, gaps, a newer database.")
        func run() throws {
            try MigrateCommand.withMigrator { migrator in
                try migrator.verify()
                Console.out("schema verified")
            }
        }
    }
}
