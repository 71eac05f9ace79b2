import Glibc
import PostgresClient
import SchemaMigrations
import Synchronization

/// Access to the PostgreSQL server integration tests run against.
///
/// The server comes from `STREAMJOBS_TEST_DATABASE_URL`. Suites use
/// `@Suite(.enabled(if: TestDatabase.isConfigured))`: locally, without the variable, they are skipped; in
/// CI (`CI` set) they run and a missing URL fails them instead of passing silently.
public enum TestDatabase {
    /// The environment variable holding the server's URL.
    public static let urlVariable = "STREAMJOBS_TEST_DATABASE_URL"

    /// Whether database tests should run: the URL is set, or `CI` is set (so a missing URL fails in CI).
    public static var isConfigured: Bool {
        environment(urlVariable) != nil || environment("CI") != nil
    }

    /// The configured URL.
    /// - Throws: ``TestDatabaseError`` naming the variable when it is not set.
    public static func url() throws -> String {
        guard let url = environment(urlVariable) else {
            throw TestDatabaseError(
                message: "\(urlVariable) is not set; export it, e.g. postgresql://postgres@127.0.0.1:55432/streamjobs")
        }
        return url
    }

    /// `<repository>/migrations`, found from this file's path.
    public static var repositoryMigrationsDirectory: String {
        let parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        return (parts.dropLast(3) + ["migrations"]).joined(separator: "/")
    }

    /// Creates an empty database on the configured server, named `sjtest_<pid>_<label>_<random>`, and
    /// returns its URL. Drop it with ``drop(_:)``; databases left behind by dead test processes are
    /// dropped on the first call of a later run.
    /// - Parameter label: lowercase letters, digits and `_`, to recognise the database.
    /// - Throws: ``TestDatabaseError`` or ``PostgresClient/PGError``.
    public static func create(label: String = "db") throws -> String {
        precondition(label.utf8.allSatisfy(isIdentifierByte), "label must be [a-z0-9_]")
        let base = try url()
        let name = "sjtest_\(getpid())_\(label)_\(String(UInt32.random(in: .min ... .max), radix: 16))"
        try withAdminConnection(base) { admin in
            dropLeftoversOnce(admin)
            // Identifiers cannot be bind parameters; `name` is built above from [a-z0-9_] only.
            try admin.execute(unsafeSQL: "CREATE DATABASE \"\(name)\"")
        }
        return url(base, database: name)
    }

    /// Drops a database made by ``create(label:)``, disconnecting its sessions; errors are ignored.
    /// - Parameter databaseURL: the URL ``create(label:)`` returned.
    public static func drop(_ databaseURL: String) {
        guard let base = try? url(), let name = databaseName(in: databaseURL),
            name.hasPrefix("sjtest_"), name.utf8.allSatisfy(isIdentifierByte)
        else { return }
        try? withAdminConnection(base) { admin in
            try admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
        }
    }

    /// The URL of a database with every migration in `directory` applied, created once per process and
    /// directory (concurrent callers wait for the first) and shared: tests must not change its schema.
    /// - Parameter directory: the migrations folder; the repository's `migrations/` by default.
    /// - Throws: ``TestDatabaseError``, ``SchemaMigrations/MigrationError`` or ``PostgresClient/PGError``.
    public static func migrated(directory: String = repositoryMigrationsDirectory) throws -> String {
        try migratedDatabases.withLock { cache throws -> String in
            if let existing = cache[directory] { return existing }
            let databaseURL = try create(label: "migrated")
            do {
                try migrate(databaseURL, directory: directory)
            } catch {
                drop(databaseURL)
                throw error
            }
            cache[directory] = databaseURL
            return databaseURL
        }
    }

    /// Applies every migration in `directory` to `databaseURL` (a database of the caller's, e.g. from
    /// ``create(label:)``, for tests that change the schema).
    public static func migrate(_ databaseURL: String, directory: String = repositoryMigrationsDirectory) throws {
        let connection = try PGConnection(conninfo: databaseURL)
        defer { connection.close() }
        try Migrator(connection: connection, migrations: try MigrationSet.load(directory: directory)).up()
    }

    // MARK: - Helpers

    /// Migrated databases by directory, for this process.
    private static let migratedDatabases = Mutex<[String: String]>([:])
    /// Whether this process already dropped databases left behind by dead test processes.
    private static let leftoversDropped = Atomic<Bool>(false)

    private static func withAdminConnection(_ base: String, _ body: (PGConnection) throws -> Void) throws {
        let admin = try PGConnection(conninfo: base)
        defer { admin.close() }
        try body(admin)
    }

    /// Drops `sjtest_<pid>_…` databases whose process no longer runs (same host assumed).
    private static func dropLeftoversOnce(_ admin: PGConnection) {
        guard !leftoversDropped.exchange(true, ordering: .relaxed) else { return }
        let list = PGStatement(
            name: "testdatabase.leftovers", sql: "SELECT datname FROM pg_database WHERE datname LIKE 'sjtest\\_%'")
        guard let result = try? admin.execute(list) else { return }
        for row in 0..<result.rowCount {
            guard let name = result.string(row, 0), name.utf8.allSatisfy(isIdentifierByte) else { continue }
            let fields = name.split(separator: "_")
            guard fields.count >= 2, let pid = Int32(fields[1]), pid != getpid(),
                kill(pid, 0) != 0 && errno == ESRCH
            else { continue }
            _ = try? admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
        }
    }

    /// `base` with its database replaced by `name` (URI or `key=value` form).
    static func url(_ base: String, database name: String) -> String {
        guard let schemeEnd = base.firstRange(of: "://") else { return base + " dbname=" + name }
        let query = base[schemeEnd.upperBound...].firstIndex(of: "?").map { base[$0...] } ?? ""
        let beforeQuery = base[..<(query.isEmpty ? base.endIndex : query.startIndex)]
        let authorityEnd = beforeQuery[schemeEnd.upperBound...].firstIndex(of: "/") ?? beforeQuery.endIndex
        return base[..<authorityEnd] + "/" + name + query
    }

    /// The database named in a URL made by ``url(_:database:)``.
    static func databaseName(in databaseURL: String) -> String? {
        if let schemeEnd = databaseURL.firstRange(of: "://") {
            let rest = databaseURL[schemeEnd.upperBound...].split(separator: "?", maxSplits: 1).first ?? ""
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            return String(rest[rest.index(after: slash)...])
        }
        return databaseURL.split(separator: " ").last { $0.hasPrefix("dbname=") }.map { String($0.dropFirst(7)) }
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= 48 && byte <= 57)
            || byte == UInt8(ascii: "_")
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let string = String(cString: value)
        return string.isEmpty ? nil : string
    }
}

/// A test database cannot be set up; the message says what to do.
public struct TestDatabaseError: Error, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// The message.
    public var description: String { message }
}
