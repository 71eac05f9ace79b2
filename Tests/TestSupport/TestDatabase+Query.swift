import PostgresClient

extension TestDatabase {
    /// Runs one query on the migrated test database and returns its rows as strings, for assertions on
    /// what was stored. Parameters are bind parameters.
    public static func query(_ sql: String, _ parameters: [String], database: String? = nil) throws -> [[String?]] {
        let connection = try PGConnection(conninfo: try database ?? migrated())
        defer { connection.close() }
        let statement = PGStatement(name: "", sql: sql)
        let result = try connection.execute(statement, parameters)
        return (0..<result.rowCount).map { row in (0..<result.columnCount).map { result.string(row, $0) } }
    }
}
