import PostgresClient

// Read-only questions: what is applied, and does it match the files. Neither takes the lock nor creates
// the bookkeeping table.
extension Migrator {
    /// The state of every version known to the files or to the database, ordered by version.
    /// - Throws: ``PostgresClient/PGError`` when the database fails.
    public func status() throws -> [MigrationStatus] {
        let applied = try appliedMigrations()
        var byVersion: [Int: AppliedMigration] = [:]
        for row in applied { byVersion[row.version] = row }
        var statuses = migrations.migrations.map { file -> MigrationStatus in
            guard let row = byVersion[file.version] else {
                return MigrationStatus(version: file.version, name: file.name, state: .pending, appliedAt: nil)
            }
            let unchanged = row.checksum == file.checksum && row.name == file.name
            return MigrationStatus(
                version: file.version, name: file.name, state: unchanged ? .applied : .modified,
                appliedAt: row.appliedAt)
        }
        for row in applied where row.version > migrations.latestVersion {
            statuses.append(
                MigrationStatus(version: row.version, name: row.name, state: .unknown, appliedAt: row.appliedAt))
        }
        return statuses
    }

    /// Checks that the database and the files agree.
    /// - Throws: ``MigrationError/databaseNewer(applied:latest:)`` when a migration newer than the files is
    ///   applied, ``MigrationError/appliedGap(missing:highestApplied:)`` when a lower version is missing,
    ///   ``MigrationError/checksumMismatch(version:name:applied:file:)`` when an applied file changed;
    ///   ``PostgresClient/PGError`` when the database fails.
    public func verify() throws {
        try MigrationCheck.verify(applied: appliedMigrations(), files: migrations)
    }

    /// The `schema_migrations` rows ordered by version; none when the table does not exist yet.
    func appliedMigrations() throws -> [AppliedMigration] {
        guard try connection.execute(MigrationStatements.tableExists).bool(0, 0) == true else { return [] }
        let result = try connection.execute(MigrationStatements.applied)
        return (0..<result.rowCount).map { row in
            AppliedMigration(
                version: result.int(row, 0) ?? 0, name: result.string(row, 1) ?? "",
                checksum: result.string(row, 2) ?? "", appliedAt: result.string(row, 3) ?? "")
        }
    }
}
