import PostgresClient
import SchemaMigrations
import Testing
import TestSupport

/// `scripts/psql-migrate` (plain `psql -f`, for DBAs) gives the same schema and bookkeeping as the
/// migrator, so `verify` and the service's start-up check accept a database migrated either way.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct PlainPSQLMigrationTests {
    @Test func psqlMigrateMatchesTheMigrator() throws {
        let set = try MigrationSet.load(directory: TestDatabase.repositoryMigrationsDirectory)
        let viaMigrator = try withFreshDatabase { _, connection throws in
            try Migrator(connection: connection, migrations: set).up()
            return try SchemaDump.of(connection)
        }
        try withFreshDatabase { url, connection throws in
            let script = "\(TestDatabase.repositoryRoot)/scripts/psql-migrate '\(url)' '\(TestDatabase.repositoryMigrationsDirectory)' >/dev/null"
            #expect(Shell.run(script) == 0)
            #expect(Shell.run(script) == 0, "a second run applies nothing and succeeds")
            #expect(try SchemaDump.of(connection) == viaMigrator)
            let migrator = Migrator(connection: connection, migrations: set)
            try migrator.verify()
            #expect(try migrator.status().allSatisfy { $0.state == .applied })
            #expect(try migrator.up().isEmpty)
        }
    }
}
