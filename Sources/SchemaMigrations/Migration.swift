/// One numbered schema change: the SQL to apply it and, normally, the SQL to undo it.
public struct Migration: Sendable, Equatable {
    /// The version, from 1, consecutive across a ``MigrationSet``.
    public let version: Int
    /// The descriptive part of the file name, for example `create_jobs`.
    public let name: String
    /// The SQL that applies the change (the `.up.sql` file).
    public let upSQL: String
    /// The SQL that undoes the change (the `.down.sql` file), if there is one.
    public let downSQL: String?
    /// The SHA-256 of `upSQL`'s UTF-8 bytes as lowercase hex: recorded when applied, compared by
    /// ``Migrator/verify()`` to detect an edited migration.
    public let checksum: String

    /// Creates a migration and computes its checksum.
    /// - Parameters:
    ///   - version: the version, from 1.
    ///   - name: the descriptive name.
    ///   - upSQL: the SQL that applies the change.
    ///   - downSQL: the SQL that undoes it, if any.
    public init(version: Int, name: String, upSQL: String, downSQL: String?) {
        self.version = version
        self.name = name
        self.upSQL = upSQL
        self.downSQL = downSQL
        self.checksum = SHA256.hex(upSQL.utf8)
    }

    /// `NNNN_name`, the way files and messages name the migration.
    public var label: String { "\(MigrationFileName.format(version))_\(name)" }
}
