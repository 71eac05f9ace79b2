import Glibc
import SchemaMigrations
import Testing

/// Loading a migrations directory and the errors it reports.
@Suite struct MigrationSetLoadTests {
    private func loadError(extra: [String: String] = [:], without: [String] = []) -> MigrationError? {
        do {
            _ = try Fixtures.set(extra: extra, without: without)
            return nil
        } catch {
            return error
        }
    }

    @Test func loadsOrderedPairsAndIgnoresOtherFiles() throws {
        let set = try Fixtures.set(extra: ["README.md": "notes", ".0004_hidden.up.sql": "x"])
        #expect(set.latestVersion == 3)
        #expect(set.migrations.map(\.label) == ["0001_create_widgets", "0002_index_widgets_by_created", "0003_add_widget_state"])
        #expect(set.migrations[1].upSQL == Fixtures.files["0002_index_widgets_by_created.up.sql"])
        #expect(set.migrations[1].downSQL == Fixtures.files["0002_index_widgets_by_created.down.sql"])
        #expect(set[version: 3]?.name == "add_widget_state")
        #expect(set[version: 4] == nil)
    }

    @Test func anEmptyDirectoryHasNoMigrations() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        #expect(try MigrationSet.load(directory: directory.path).latestVersion == 0)
    }

    @Test func aGapIsRejected() {
        let error = loadError(extra: ["0005_late.up.sql": "SELECT 1;", "0005_late.down.sql": "SELECT 1;"])
        #expect(error == .gap(expected: 4, found: 5))
        #expect(error?.description == "migration versions must be consecutive from 0001: 0004 is missing before 0005")
    }

    @Test func versionsMustStartAtOne() {
        let error = loadError(without: ["0001_create_widgets.up.sql", "0001_create_widgets.down.sql"])
        #expect(error == .gap(expected: 1, found: 2))
    }

    @Test func aBadNameIsRejected() {
        #expect(loadError(extra: ["4_more.up.sql": "SELECT 1;"]) == .badFileName("4_more.up.sql"))
        #expect(loadError(extra: ["0004_More.up.sql": "SELECT 1;"]) == .badFileName("0004_More.up.sql"))
        #expect(loadError(extra: ["0004_more.sql": "SELECT 1;"]) == .badFileName("0004_more.sql"))
    }

    @Test func anUpWithoutDownIsRejected() {
        let error = loadError(without: ["0002_index_widgets_by_created.down.sql"])
        #expect(error == .missingDown("0002_index_widgets_by_created"))
        #expect(error?.description.contains("0002_index_widgets_by_created.down.sql") == true)
    }

    @Test func aDownWithoutUpIsRejected() {
        #expect(loadError(extra: ["0004_orphan.down.sql": "SELECT 1;"]) == .missingUp("0004_orphan"))
    }

    @Test func aDuplicateVersionIsRejected() {
        let error = loadError(extra: ["0002_other.up.sql": "SELECT 1;", "0002_other.down.sql": "SELECT 1;"])
        guard case .duplicateVersion(2, let files)? = error else {
            Issue.record("expected duplicateVersion, got \(String(describing: error))")
            return
        }
        #expect(files.count == 2)
    }

    @Test func upAndDownMustShareTheName() {
        let error = loadError(
            extra: ["0002_renamed.down.sql": "SELECT 1;"], without: ["0002_index_widgets_by_created.down.sql"])
        guard case .duplicateVersion(2, _)? = error else {
            Issue.record("expected duplicateVersion, got \(String(describing: error))")
            return
        }
    }

    @Test func aMissingDirectoryIsReported() {
        #expect(throws: MigrationError.unreadable(path: "/nonexistent/migrations", reason: "No such file or directory")) {
            try MigrationSet.load(directory: "/nonexistent/migrations")
        }
    }

    @Test func invalidUTF8IsReported() throws {
        let directory = Fixtures.directory()
        defer { directory.remove() }
        let path = directory.path + "/0001_create_widgets.up.sql"
        directory.write("0001_create_widgets.up.sql", "")
        // Overwrite with a lone continuation byte.
        let descriptor = open(path, O_WRONLY | O_TRUNC)
        var byte: UInt8 = 0x80
        _ = write(descriptor, &byte, 1)
        close(descriptor)
        #expect(throws: MigrationError.notUTF8(path: path)) { try MigrationSet.load(directory: directory.path) }
    }

    @Test func everyMessageIsOneLine() {
        let errors: [MigrationError] = [
            .unreadable(path: "/x", reason: "r"), .notUTF8(path: "/x"), .badFileName("x.sql"),
            .duplicateVersion(version: 2, files: ["a", "b"]), .gap(expected: 1, found: 2), .missingDown("0001_a"),
            .missingUp("0001_a"), .checksumMismatch(version: 1, name: "a", applied: "ab", file: "cd"),
            .databaseNewer(applied: 5, latest: 3), .appliedGap(missing: 1, highestApplied: 2),
            .invalidTarget(9, latest: 3), .invalidSteps(4, applied: 3), .invalidStepCount(0), .noDownMigration("0001_a"),
            .failed(migration: "0001_a", direction: "up", sqlState: "42601", message: "syntax error"),
        ]
        for error in errors {
            #expect(!error.description.isEmpty)
            #expect(!error.description.contains("\n"))
        }
    }
}
