@testable import SchemaMigrations
import Testing

/// The pure consistency rules between applied rows and files.
@Suite struct VerifyRulesTests {
    private func applied(_ set: MigrationSet, _ versions: [Int]) -> [AppliedMigration] {
        versions.map { version in
            let migration = set[version: version]
            return AppliedMigration(
                version: version, name: migration?.name ?? "gone", checksum: migration?.checksum ?? "00",
                appliedAt: "2026-01-01T00:00:00Z")
        }
    }

    @Test func consistentStatesPass() throws {
        let set = try Fixtures.set()
        for versions in [[], [1], [1, 2], [1, 2, 3]] {
            #expect(throws: Never.self) { try MigrationCheck.verify(applied: applied(set, versions), files: set) }
        }
    }

    @Test func aNewerDatabaseIsDetected() throws {
        let set = try Fixtures.set()
        #expect(throws: MigrationError.databaseNewer(applied: 4, latest: 3)) {
            try MigrationCheck.verify(applied: applied(set, [1, 2, 3, 4]), files: set)
        }
    }

    @Test func aGapInAppliedVersionsIsDetected() throws {
        let set = try Fixtures.set()
        #expect(throws: MigrationError.appliedGap(missing: 2, highestApplied: 3)) {
            try MigrationCheck.verify(applied: applied(set, [1, 3]), files: set)
        }
    }

    @Test func aChangedOrRenamedFileIsDetected() throws {
        let set = try Fixtures.set()
        var rows = applied(set, [1, 2])
        rows[1] = AppliedMigration(version: 2, name: rows[1].name, checksum: "deadbeef", appliedAt: rows[1].appliedAt)
        #expect(throws: MigrationError.checksumMismatch(version: 2, name: rows[1].name, applied: "deadbeef", file: set[version: 2]!.checksum)) {
            try MigrationCheck.verify(applied: rows, files: set)
        }
        rows = applied(set, [1])
        rows[0] = AppliedMigration(version: 1, name: "old_name", checksum: rows[0].checksum, appliedAt: rows[0].appliedAt)
        #expect(throws: MigrationError.self) { try MigrationCheck.verify(applied: rows, files: set) }
    }
}
