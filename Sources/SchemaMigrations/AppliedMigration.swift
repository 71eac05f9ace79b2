/// A row of `schema_migrations`: a migration as it was applied.
struct AppliedMigration: Equatable {
    let version: Int
    let name: String
    let checksum: String
    /// When it was applied, as UTC text (`YYYY-MM-DDTHH:MM:SSZ`).
    let appliedAt: String
}
