import PostgresClient

/// Applies and rolls back a ``MigrationSet`` on one connection, recording each applied migration in
/// `schema_migrations(version, name, checksum, applied_at)`.
///
/// `up` and `down` hold a session advisory lock for their whole run, so concurrent migrators (several
/// service instances starting at once) apply each migration exactly once; each migration runs in its own
/// transaction together with its bookkeeping row. Migration SQL therefore cannot use statements that refuse
/// to run in a transaction (such as `CREATE INDEX CONCURRENTLY`).
public struct Migrator {
    /// The advisory lock key used unless another is given: the ASCII bytes of `schemamg`.
    public static let defaultLockKey: Int64 = 0x7363_6865_6D61_6D67

    let connection: PGConnection
    let migrations: MigrationSet
    private let lockKey: Int64

    /// Creates a migrator.
    /// - Parameters:
    ///   - connection: an open connection, not inside a transaction; the migrator uses it only during calls.
    ///   - migrations: the migrations this binary knows.
    ///   - lockKey: the `pg_advisory_lock` key serializing migrators of this database.
    public init(connection: PGConnection, migrations: MigrationSet, lockKey: Int64 = Migrator.defaultLockKey) {
        self.connection = connection
        self.migrations = migrations
        self.lockKey = lockKey
    }

    /// Applies the pending migrations up to `target` (default: the latest), each in its own transaction.
    /// - Parameter target: the version to reach; a version at or below the current one does nothing.
    /// - Returns: the migrations applied, in order.
    /// - Throws: ``MigrationError`` when ``verify()`` fails (nothing is applied then), the target is beyond
    ///   the latest migration, or a migration fails (that one is rolled back, the earlier ones stay);
    ///   ``PostgresClient/PGError`` when the database fails.
    @discardableResult
    public func up(to target: Int? = nil) throws -> [Migration] {
        let target = target ?? migrations.latestVersion
        guard target >= 0 && target <= migrations.latestVersion else {
            throw MigrationError.invalidTarget(target, latest: migrations.latestVersion)
        }
        return try withLock {
            try connection.execute(unsafeSQL: MigrationStatements.createTable)
            let applied = try appliedMigrations()
            try MigrationCheck.verify(applied: applied, files: migrations)
            var done: [Migration] = []
            let pending = migrations.migrations.filter { $0.version > applied.count && $0.version <= target }
            for migration in pending {
                do {
                    try connection.transaction { connection in
                        try connection.execute(unsafeSQL: migration.upSQL)
                        _ = try connection.execute(
                            MigrationStatements.insert, [migration.version, migration.name, migration.checksum])
                    }
                } catch {
                    throw MigrationError.failed(migration, direction: "up", error: error)
                }
                done.append(migration)
            }
            return done
        }
    }

    /// Applies the next `steps` pending migrations (all of them when `nil`), each in its own transaction.
    /// - Parameter steps: how many pending migrations to apply, at least 1; `nil` for all.
    /// - Returns: the migrations applied, in order (fewer than `steps` when fewer are pending).
    /// - Throws: as ``up(to:)``; ``MigrationError/invalidStepCount(_:)`` when `steps` is below 1.
    @discardableResult
    public func up(steps: Int?) throws -> [Migration] {
        guard let steps else { return try up(to: nil) }
        guard steps >= 1 else { throw MigrationError.invalidStepCount(steps) }
        let current = try appliedMigrations().last?.version ?? 0
        return try up(to: min(migrations.latestVersion, max(current, 0) + steps))
    }

    /// Rolls back the `steps` most recent migrations, newest first, each in its own transaction.
    /// - Parameter steps: how many to roll back, at least 1 and at most the number applied.
    /// - Returns: the migrations rolled back, in the order they were undone.
    /// - Throws: ``MigrationError`` when ``verify()`` fails, `steps` is out of range, a migration has no
    ///   down SQL, or a down migration fails (it is rolled back); ``PostgresClient/PGError`` when the
    ///   database fails.
    @discardableResult
    public func down(steps: Int) throws -> [Migration] {
        try withLock {
            let applied = try appliedMigrations()
            try MigrationCheck.verify(applied: applied, files: migrations)
            guard steps >= 1 && steps <= applied.count else {
                throw MigrationError.invalidSteps(steps, applied: applied.count)
            }
            let undo = applied.suffix(steps).reversed().compactMap { migrations[version: $0.version] }
            if let missing = undo.first(where: { $0.downSQL == nil }) {
                throw MigrationError.noDownMigration(missing.label)
            }
            var done: [Migration] = []
            for migration in undo {
                do {
                    try connection.transaction { connection in
                        try connection.execute(unsafeSQL: migration.downSQL ?? "")
                        _ = try connection.execute(MigrationStatements.delete, [migration.version])
                    }
                } catch {
                    throw MigrationError.failed(migration, direction: "down", error: error)
                }
                done.append(migration)
            }
            return done
        }
    }

    /// Runs `body` holding the session advisory lock, released afterwards even when `body` throws.
    private func withLock<R>(_ body: () throws -> R) throws -> R {
        _ = try connection.execute(MigrationStatements.lock, [lockKey])
        defer { _ = try? connection.execute(MigrationStatements.unlock, [lockKey]) }
        return try body()
    }
}
