/// The consistency rules between what the database has applied and the files a binary has.
enum MigrationCheck {
    /// Throws the first inconsistency: a database newer than the files, a version missing below the highest
    /// applied one, or an applied migration whose file changed.
    /// - Parameters:
    ///   - applied: the `schema_migrations` rows, ordered by version.
    ///   - files: the migrations this binary knows.
    static func verify(applied: [AppliedMigration], files: MigrationSet) throws(MigrationError) {
        guard let highest = applied.last?.version else { return }
        if highest > files.latestVersion {
            throw .databaseNewer(applied: highest, latest: files.latestVersion)
        }
        for (index, row) in applied.enumerated() where row.version != index + 1 {
            throw .appliedGap(missing: index + 1, highestApplied: highest)
        }
        for row in applied {
            guard let file = files[version: row.version] else { continue }
            if file.checksum != row.checksum || file.name != row.name {
                throw .checksumMismatch(
                    version: row.version, name: row.name, applied: row.checksum, file: file.checksum)
            }
        }
    }
}
