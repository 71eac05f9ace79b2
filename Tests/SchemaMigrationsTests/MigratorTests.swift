import Glibc
import PostgresClient
import SchemaMigrations
import Synchronization
import Testing
import TestSupport

/// Applying, rolling back and checking migrations on real, fresh databases.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct MigratorTests {
    static let appliedVersions = PGStatement(
        name: "test.applied", sql: "SELECT coalesce(array_agg(version ORDER BY version)::text, '{}') FROM schema_migrations")

    @Test func upDownUpRestoresTheSameSchema() throws {
        let set = try Fixtures.set()
        try withFreshDatabase { _, connection throws in
            let migrator = Migrator(connection: connection, migrations: set)
            let empty = try SchemaDump.of(connection)
            #expect(try migrator.up().map(\.version) == [1, 2, 3])
            let full = try SchemaDump.of(connection)
            #expect(full != empty)
            #expect(full.contains("index widgets_by_created_at"))
            #expect(full.contains("constraint widgets.widgets_state_check"))
            #expect(try migrator.up().isEmpty, "a second up does nothing")
            #expect(try migrator.status().map(\.state) == [.applied, .applied, .applied])

            #expect(try migrator.down(steps: 3).map(\.version) == [3, 2, 1])
            #expect(try SchemaDump.of(connection) == empty)
            #expect(try migrator.status().map(\.state) == [.pending, .pending, .pending])

            #expect(try migrator.up().count == 3)
            #expect(try SchemaDump.of(connection) == full)
        }
    }

    @Test func stepwiseUpAndDown() throws {
        let set = try Fixtures.set()
        try withFreshDatabase { _, connection throws in
            let migrator = Migrator(connection: connection, migrations: set)
            #expect(try migrator.status().allSatisfy { $0.state == .pending }, "no bookkeeping table yet")
            #expect(try migrator.up(to: 2).map(\.version) == [1, 2])
            let status = try migrator.status()
            #expect(status.map(\.state) == [.applied, .applied, .pending])
            #expect(status[0].appliedAt?.hasSuffix("Z") == true)
            #expect(status[2].appliedAt == nil)
            #expect(try migrator.up(to: 1).isEmpty)
            #expect(try migrator.down(steps: 1).map(\.version) == [2])
            #expect(try migrator.up(steps: 1).map(\.version) == [2])
            #expect(try migrator.up(steps: 5).map(\.version) == [3])
            #expect(try connection.execute(Self.appliedVersions).string(0, 0) == "{1,2,3}")
            #expect(throws: MigrationError.invalidSteps(4, applied: 3)) { try migrator.down(steps: 4) }
            #expect(throws: MigrationError.invalidTarget(4, latest: 3)) { try migrator.up(to: 4) }
        }
    }

    @Test func aChangedFileIsDetectedAndUpRefuses() throws {
        let original = try Fixtures.set(without: ["0003_add_widget_state.up.sql", "0003_add_widget_state.down.sql"])
        let edited = try Fixtures.set(extra: ["0002_index_widgets_by_created.up.sql": "CREATE INDEX widgets_by_created_at ON widgets (created_at DESC);\n"])
        try withFreshDatabase { _, connection throws in
            try Migrator(connection: connection, migrations: original).up()
            let migrator = Migrator(connection: connection, migrations: edited)
            let error = migrationError { try migrator.verify() }?.migration
            guard case .checksumMismatch(2, "index_widgets_by_created", _, _)? = error else {
                Issue.record("expected checksumMismatch, got \(String(describing: error))")
                return
            }
            #expect(error?.description.contains("0002_index_widgets_by_created was changed") == true)
            #expect(migrationError { try migrator.up() }?.migration == error)
            #expect(try connection.execute(Self.appliedVersions).string(0, 0) == "{1,2}", "nothing applied")
            #expect(try migrator.status().map(\.state) == [.applied, .modified, .pending])
        }
    }

    @Test func aDatabaseNewerThanTheFilesIsDetected() throws {
        let all = try Fixtures.set()
        let older = try Fixtures.set(without: ["0003_add_widget_state.up.sql", "0003_add_widget_state.down.sql"])
        try withFreshDatabase { _, connection throws in
            try Migrator(connection: connection, migrations: all).up()
            let migrator = Migrator(connection: connection, migrations: older)
            #expect(throws: MigrationError.databaseNewer(applied: 3, latest: 2)) { try migrator.verify() }
            #expect(throws: MigrationError.databaseNewer(applied: 3, latest: 2)) { try migrator.up() }
            #expect(throws: MigrationError.databaseNewer(applied: 3, latest: 2)) { try migrator.down(steps: 1) }
            let status = try migrator.status()
            #expect(status.map(\.state) == [.applied, .applied, .unknown])
            #expect(status.last?.name == "add_widget_state")
        }
    }

    @Test func aGapInTheDatabaseIsDetected() throws {
        let set = try Fixtures.set()
        try withFreshDatabase { _, connection throws in
            let migrator = Migrator(connection: connection, migrations: set)
            try migrator.up()
            try connection.execute(unsafeSQL: "DELETE FROM schema_migrations WHERE version = 2")
            #expect(throws: MigrationError.appliedGap(missing: 2, highestApplied: 3)) { try migrator.verify() }
        }
    }

    @Test func aFailingMigrationIsRolledBackAndReported() throws {
        let set = try Fixtures.set(extra: [
            "0004_broken.up.sql": "CREATE TABLE half_done (id int);\nSELEC 1;\n",
            "0004_broken.down.sql": "DROP TABLE half_done;\n",
        ])
        try withFreshDatabase { _, connection throws in
            let migrator = Migrator(connection: connection, migrations: set)
            let error = migrationError { try migrator.up() }?.migration
            guard case .failed("0004_broken", "up", "42601", let message)? = error else {
                Issue.record("expected failed, got \(String(describing: error))")
                return
            }
            #expect(message.contains("syntax error"))
            #expect(error?.description.contains("\n") == false)
            #expect(try connection.execute(Self.appliedVersions).string(0, 0) == "{1,2,3}", "the earlier ones stay")
            #expect(try connection.execute(unsafeSQL: "SELECT to_regclass('half_done') IS NULL").bool(0, 0) == true)
            #expect(connection.isOpen)
        }
    }

    @Test func concurrentUpAppliesEachMigrationOnce() throws {
        let set = try Fixtures.set(extra: [
            "0004_slow.up.sql": "SELECT pg_sleep(0.3);\nCREATE TABLE slow_marker (id int);\n",
            "0004_slow.down.sql": "DROP TABLE slow_marker;\n",
        ])
        try withFreshDatabase { url, connection throws in
            let applied = Mutex<[[Int]]>([])
            let failures = Mutex<[String]>([])
            onThreads(3) { _ in
                do {
                    let own = try PGConnection(conninfo: url)
                    defer { own.close() }
                    let versions = try Migrator(connection: own, migrations: set).up().map(\.version)
                    applied.withLock { $0.append(versions) }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 }.isEmpty)
            #expect(applied.withLock { $0.flatMap { $0 }.sorted() } == [1, 2, 3, 4])
            #expect(try connection.execute(Self.appliedVersions).string(0, 0) == "{1,2,3,4}")
        }
    }

    @Test func checksumsMatchPostgreSQLsSHA256() throws {
        let texts = ["", "abc", String(repeating: "x", count: 55), String(repeating: "y", count: 56),
                     String(repeating: "z", count: 64), "ünïcödé ✓ 🎉\n-- comment\n", String(repeating: "0123456789", count: 100)]
        try withTestConnection { connection throws in
            let statement = PGStatement(name: "test.sha256", sql: "SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')")
            for text in texts {
                let expected = try connection.execute(statement, [text]).string(0, 0)
                #expect(Migration(version: 1, name: "x", upSQL: text, downSQL: nil).checksum == expected)
            }
        }
    }

    @Test func theRepositoryMigrationsRoundTrip() throws {
        let set = try MigrationSet.load(directory: TestDatabase.repositoryMigrationsDirectory)
        try withFreshDatabase { _, connection throws in
            let migrator = Migrator(connection: connection, migrations: set)
            let empty = try SchemaDump.of(connection)
            try migrator.up()
            let full = try SchemaDump.of(connection)
            if set.latestVersion > 0 { try migrator.down(steps: set.latestVersion) }
            #expect(try SchemaDump.of(connection) == empty, "every down undoes its up")
            try migrator.up()
            #expect(try SchemaDump.of(connection) == full)
            try migrator.verify()
        }
    }

    @Test func migratedDatabaseIsSharedAndComplete() throws {
        let first = try TestDatabase.migrated()
        let second = try TestDatabase.migrated()
        #expect(first == second)
        let set = try MigrationSet.load(directory: TestDatabase.repositoryMigrationsDirectory)
        let connection = try PGConnection(conninfo: first)
        defer { connection.close() }
        let status = try Migrator(connection: connection, migrations: set).status()
        #expect(status.allSatisfy { $0.state == .applied })
    }
}
