import PostgresClient
import Testing
import TestSupport

/// SQLSTATEs and constraint names reach the caller; `description` never leaks the server message.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct ErrorTests {
    static let insert = PGStatement(name: "errors.insert", sql: "INSERT INTO widgets (name, size) VALUES ($1, $2::int)")

    private func withWidgets(_ body: (PGConnection) throws -> Void) throws {
        try withTestConnection { connection throws in
            try connection.execute(
                unsafeSQL: """
                    CREATE TEMP TABLE owners (id int PRIMARY KEY);
                    CREATE TEMP TABLE widgets (
                        name text NOT NULL CONSTRAINT widgets_name_key UNIQUE,
                        size int CONSTRAINT widgets_size_positive CHECK (size > 0),
                        owner int CONSTRAINT widgets_owner_fkey REFERENCES owners (id));
                    """)
            try body(connection)
        }
    }

    @Test func uniqueViolationCarriesSQLStateAndConstraint() throws {
        try withWidgets { connection throws in
            _ = try connection.execute(Self.insert, ["secret-value-4711", 1])
            let error = try #require(pgError { _ = try connection.execute(Self.insert, ["secret-value-4711", 2]) })
            #expect(error.kind == .query)
            #expect(error.sqlState == .uniqueViolation)
            #expect(error.constraint == "widgets_name_key")
            #expect(error.description == "database error (SQLSTATE 23505)")
            // The detail is there for logs…
            #expect(error.serverMessage.contains("widgets_name_key"))
            #expect(error.serverMessage.contains("secret-value-4711"))
            // …but nothing a client could see leaks it, the SQL or the values.
            for text in [error.description, "\(error)", String(reflecting: error)] {
                #expect(!text.contains("secret-value-4711"))
                #expect(!text.contains("widgets"))
                #expect(!text.contains("INSERT"))
                #expect(!text.contains("duplicate"))
            }
            // The session is still usable after a rejected statement.
            #expect(try connection.execute(unsafeSQL: "SELECT count(*) FROM widgets").int(0, 0) == 1)
        }
    }

    @Test func otherIntegrityViolations() throws {
        try withWidgets { connection throws in
            let check = pgError { _ = try connection.execute(Self.insert, ["a", -1]) }
            #expect(check?.sqlState == .checkViolation)
            #expect(check?.constraint == "widgets_size_positive")
            let notNull = pgError { _ = try connection.execute(Self.insert, [String?.none, 1]) }
            #expect(notNull?.sqlState == .notNullViolation)
            let foreignKey = pgError {
                _ = try connection.execute(
                    PGStatement(name: "errors.fk", sql: "INSERT INTO widgets (name, owner) VALUES ($1, $2::int)"), ["b", 99])
            }
            #expect(foreignKey?.sqlState == .foreignKeyViolation)
            #expect(foreignKey?.constraint == "widgets_owner_fkey")
        }
    }

    @Test func dataAndSyntaxErrors() throws {
        try withTestConnection { connection throws in
            let badInteger = pgError {
                _ = try connection.execute(PGStatement(name: "errors.int", sql: "SELECT $1::int"), ["not a number"])
            }
            #expect(badInteger?.sqlState == .invalidTextRepresentation)
            #expect(badInteger?.kind == .query)
            #expect(pgError { try connection.execute(unsafeSQL: "SELEC 1") }?.sqlState == .syntaxError)
            #expect(pgError { try connection.execute(unsafeSQL: "SELECT * FROM missing_table_x") }?.sqlState == .undefinedTable)
            #expect(connection.isOpen)
        }
    }

    @Test func aNULByteIsRejectedBeforeReachingTheServer() throws {
        try withTestConnection { connection throws in
            let error = pgError {
                _ = try connection.execute(PGStatement(name: "errors.nul", sql: "SELECT $1::text"), ["a\u{0}b"])
            }
            #expect(error?.sqlState == .characterNotInRepertoire)
            #expect(error?.description == "database error (SQLSTATE 22021)")
            #expect(connection.isOpen)
        }
    }

    @Test func unavailableDoesNotNameTheServer() {
        let error = pgError { _ = try PGConnection(conninfo: "postgresql://postgres:hunter2@127.0.0.1:1/nowhere") }
        #expect(error?.kind == .unavailable)
        #expect(error?.description == "database unavailable")
        #expect(error?.serverMessage.isEmpty == false)
        #expect(error.map { !"\($0)".contains("127.0.0.1") && !"\($0)".contains("hunter2") } == true)
    }

    @Test func closedConnectionsThrowClosed() throws {
        let connection = try PGConnection(conninfo: TestDatabase.url())
        connection.close()
        #expect(!connection.isOpen)
        #expect(pgError { try connection.execute(unsafeSQL: "SELECT 1") }?.kind == .closed)
        connection.close()
    }

    @Test func connectionLevelStates() {
        #expect(SQLState.adminShutdown.isConnectionLevel)
        #expect(SQLState.crashShutdown.isConnectionLevel)
        #expect(SQLState.cannotConnectNow.isConnectionLevel)
        #expect(SQLState.connectionFailure.isConnectionLevel)
        #expect(SQLState(rawValue: "08P01").isConnectionLevel)
        #expect(!SQLState.uniqueViolation.isConnectionLevel)
        #expect(!SQLState.queryCanceled.isConnectionLevel)
        #expect(SQLState.serializationFailure.errorClass == "40")
    }
}
