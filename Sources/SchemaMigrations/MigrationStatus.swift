/// Where one migration stands in a database.
public struct MigrationStatus: Sendable, Equatable {
    /// The state of a version.
    public enum State: String, Sendable, Equatable {
        /// Applied, and the file is unchanged.
        case applied
        /// Not applied yet.
        case pending
        /// Applied, but the file (or its name) changed since.
        case modified
        /// Applied, but this binary has no file for it (the database is newer).
        case unknown
    }

    /// The version.
    public let version: Int
    /// The name: the file's, or the database's for `.unknown`.
    public let name: String
    /// Where it stands.
    public let state: State
    /// When it was applied, as UTC text (`YYYY-MM-DDTHH:MM:SSZ`); `nil` when pending.
    public let appliedAt: String?

    /// `NNNN_name`, the way files and messages name the migration.
    public var label: String { "\(MigrationFileName.format(version))_\(name)" }

    /// Whether the version is applied in the database (`.applied`, `.modified` or `.unknown`).
    public var isApplied: Bool { state != .pending }
}
