import PostgresClient

/// Why migrations cannot be loaded, verified, applied or rolled back; ``description`` is one line meant
/// for the operator running the CLI.
public enum MigrationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The directory or a file in it could not be read; `reason` is the `strerror` text.
    case unreadable(path: String, reason: String)
    /// A file is not valid UTF-8.
    case notUTF8(path: String)
    /// A `.sql` file's name does not follow `NNNN_name.up.sql` / `NNNN_name.down.sql`.
    case badFileName(String)
    /// Two files claim the same version and direction, or an up and a down disagree on the name.
    case duplicateVersion(version: Int, files: [String])
    /// Versions are not consecutive from 1: `expected` is missing, `found` comes next.
    case gap(expected: Int, found: Int)
    /// An up file has no down file.
    case missingDown(String)
    /// A down file has no up file.
    case missingUp(String)
    /// An applied migration's file differs from what was applied (or was renamed).
    case checksumMismatch(version: Int, name: String, applied: String, file: String)
    /// The database has a migration applied that is newer than any file this binary has.
    case databaseNewer(applied: Int, latest: Int)
    /// A version below the highest applied one is not applied.
    case appliedGap(missing: Int, highestApplied: Int)
    /// ``Migrator/up(to:)`` got a target beyond the latest migration, or below zero.
    case invalidTarget(Int, latest: Int)
    /// ``Migrator/down(steps:)`` was asked for more steps than are applied, or fewer than one.
    case invalidSteps(Int, applied: Int)
    /// A number of migrations to apply below 1.
    case invalidStepCount(Int)
    /// The migration to roll back has no down SQL.
    case noDownMigration(String)
    /// A migration's SQL failed; it was rolled back. `message` is the server's first line (no bind values
    /// exist in migrations, so it is safe for the operator's terminal).
    case failed(migration: String, direction: String, sqlState: String?, message: String)

    /// One line describing the problem and, where it helps, what to do.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .notUTF8(let path):
            return "\(path) is not valid UTF-8"
        case .badFileName(let file):
            return "bad migration file name \"\(file)\": "
                + "expected NNNN_name.up.sql or NNNN_name.down.sql (name: a-z, 0-9, _)"
        case .duplicateVersion(let version, let files):
            return "migration version \(Self.format(version)) is used by more than one name: "
                + files.joined(separator: ", ")
        case .gap(let expected, let found):
            return "migration versions must be consecutive from 0001: "
                + "\(Self.format(expected)) is missing before \(Self.format(found))"
        case .missingDown(let label):
            return "migration \(label) has no down file (\(label).down.sql)"
        case .missingUp(let label):
            return "\(label).down.sql has no matching up file (\(label).up.sql)"
        case .checksumMismatch(let version, let name, let applied, let file):
            return "applied migration \(Self.format(version))_\(name) was changed since it was applied "
                + "(checksum \(applied.prefix(12)) in the database, \(file.prefix(12)) in the file); "
                + "never edit an applied migration, add a new one"
        case .databaseNewer(let applied, let latest):
            return "the database has migration \(Self.format(applied)) applied but this binary knows "
                + "migrations only up to \(Self.format(latest)); run a newer binary"
        case .appliedGap(let missing, let highest):
            return "the database lacks migration \(Self.format(missing)) although \(Self.format(highest)) is applied"
        case .invalidTarget(let target, let latest):
            return "cannot migrate to version \(target): the latest migration is \(Self.format(latest))"
        case .invalidSteps(let steps, let applied):
            return "cannot roll back \(steps) migration(s): \(applied) applied"
        case .invalidStepCount(let steps):
            return "the number of migrations to apply must be at least 1, got \(steps)"
        case .noDownMigration(let label):
            return "migration \(label) has no down SQL and cannot be rolled back"
        case .failed(let migration, let direction, let sqlState, let message):
            let code = sqlState.map { " (SQLSTATE \($0))" } ?? ""
            return "migration \(migration) \(direction) failed and was rolled back\(code): \(message)"
        }
    }

    private static func format(_ version: Int) -> String { MigrationFileName.format(version) }

    /// Wraps an error thrown while running a migration's SQL.
    static func failed(_ migration: Migration, direction: String, error: any Error) -> MigrationError {
        guard let error = error as? PGError else {
            return .failed(migration: migration.label, direction: direction, sqlState: nil, message: "\(error)")
        }
        let firstLine = error.serverMessage.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return .failed(
            migration: migration.label, direction: direction, sqlState: error.sqlState?.rawValue,
            message: firstLine.isEmpty ? error.description : firstLine)
    }
}
