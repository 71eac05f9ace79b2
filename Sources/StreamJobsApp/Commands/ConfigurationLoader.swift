import ArgumentParser
import SchemaMigrations

/// Loads configuration for a command, printing every problem and exiting 2 when it is invalid.
enum ConfigurationLoader {
    static func service() throws -> ServiceConfiguration {
        let values = try Self.environment()
        do {
            return try ServiceConfiguration.fromEnvironment(values)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }

    static func databaseURL() throws -> String {
        guard let url = try Self.environment()["STREAMJOBS_DATABASE_URL"], !url.isEmpty else {
            Console.error("config: STREAMJOBS_DATABASE_URL is not set: set it to a libpq URI")
            throw ExitCode(2)
        }
        return url
    }

    /// The URL `streamjobs migrate` connects with: `STREAMJOBS_MIGRATE_DATABASE_URL` (the tables' owner),
    /// else `STREAMJOBS_DATABASE_URL` (one role for both, as before row-level security; the service's own
    /// role cannot create tables).
    static func migrateDatabaseURL() throws -> String {
        if let url = try Self.environment()["STREAMJOBS_MIGRATE_DATABASE_URL"], !url.isEmpty { return url }
        return try databaseURL()
    }

    static func migrationsDirectory() -> String {
        ((try? ConfigurationFile.merged(into: ProcessEnvironment.current())) ?? ProcessEnvironment.current())["STREAMJOBS_MIGRATIONS_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? InstallLayout.current.migrationsDirectory
    }

    static func migrations(_ directory: String) throws -> MigrationSet {
        do {
            return try MigrationSet.load(directory: directory)
        } catch {
            Console.error("migrations: \(error)")
            throw ExitCode(2)
        }
    }
}
