import PostgresClient

/// The SQL the migrator runs against its bookkeeping table, `schema_migrations`.
enum MigrationStatements {
    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer PRIMARY KEY CHECK (version > 0),
            name       text NOT NULL,
            checksum   text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    static let tableExists = PGStatement(
        name: "schema_migrations.exists", sql: "SELECT to_regclass('schema_migrations') IS NOT NULL")

    static let applied = PGStatement(
        name: "schema_migrations.applied",
        sql: """
            SELECT version, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
              FROM schema_migrations ORDER BY version
            """)

    static let insert = PGStatement(
        name: "schema_migrations.insert",
        sql: "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1::integer, $2, $3)")

    static let delete = PGStatement(
        name: "schema_migrations.delete", sql: "DELETE FROM schema_migrations WHERE version = $1::integer")

    static let lock = PGStatement(name: "schema_migrations.lock", sql: "SELECT pg_advisory_lock($1::bigint)")

    static let unlock = PGStatement(name: "schema_migrations.unlock", sql: "SELECT pg_advisory_unlock($1::bigint)")
}
