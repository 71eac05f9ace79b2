/// The migrations a binary knows, ordered and checked: versions consecutive from 1.
public struct MigrationSet: Sendable, Equatable {
    /// The migrations, ordered by version (version `n` at index `n - 1`).
    public let migrations: [Migration]

    /// Checks and orders migrations built in code.
    /// - Parameter migrations: the migrations, in any order.
    /// - Throws: ``MigrationError/duplicateVersion(version:files:)`` or ``MigrationError/gap(expected:found:)``.
    public init(_ migrations: [Migration]) throws(MigrationError) {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (index, migration) in sorted.enumerated() {
            if index > 0 && sorted[index - 1].version == migration.version {
                throw .duplicateVersion(version: migration.version, files: [sorted[index - 1].label, migration.label])
            }
            if migration.version != index + 1 { throw .gap(expected: index + 1, found: migration.version) }
        }
        self.migrations = sorted
    }

    /// The highest version, or 0 when there are no migrations.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The migration with this version, if any.
    /// - Parameter version: a version from 1.
    public subscript(version version: Int) -> Migration? {
        version >= 1 && version <= migrations.count ? migrations[version - 1] : nil
    }
}
