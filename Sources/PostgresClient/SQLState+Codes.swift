// Named SQLSTATE codes, from https://www.postgresql.org/docs/15/errcodes-appendix.html.
extension SQLState {
    // MARK: Class 08: connection exception

    /// `08000` connection_exception.
    public static let connectionException = SQLState(rawValue: "08000")
    /// `08003` connection_does_not_exist.
    public static let connectionDoesNotExist = SQLState(rawValue: "08003")
    /// `08006` connection_failure.
    public static let connectionFailure = SQLState(rawValue: "08006")
    /// `08001` sqlclient_unable_to_establish_sqlconnection.
    public static let unableToEstablishConnection = SQLState(rawValue: "08001")

    // MARK: Class 22: data exception

    /// `22001` string_data_right_truncation (value too long for the column).
    public static let stringDataRightTruncation = SQLState(rawValue: "22001")
    /// `22003` numeric_value_out_of_range.
    public static let numericValueOutOfRange = SQLState(rawValue: "22003")
    /// `22007` invalid_datetime_format.
    public static let invalidDatetimeFormat = SQLState(rawValue: "22007")
    /// `22008` datetime_field_overflow.
    public static let datetimeFieldOverflow = SQLState(rawValue: "22008")
    /// `22012` division_by_zero.
    public static let divisionByZero = SQLState(rawValue: "22012")
    /// `22021` character_not_in_repertoire (for example a NUL byte in text).
    public static let characterNotInRepertoire = SQLState(rawValue: "22021")
    /// `22P02` invalid_text_representation (for example `'abc'::int`).
    public static let invalidTextRepresentation = SQLState(rawValue: "22P02")

    // MARK: Class 23: integrity constraint violation

    /// `23000` integrity_constraint_violation.
    public static let integrityConstraintViolation = SQLState(rawValue: "23000")
    /// `23001` restrict_violation.
    public static let restrictViolation = SQLState(rawValue: "23001")
    /// `23502` not_null_violation.
    public static let notNullViolation = SQLState(rawValue: "23502")
    /// `23503` foreign_key_violation.
    public static let foreignKeyViolation = SQLState(rawValue: "23503")
    /// `23505` unique_violation.
    public static let uniqueViolation = SQLState(rawValue: "23505")
    /// `23514` check_violation.
    public static let checkViolation = SQLState(rawValue: "23514")
    /// `23P01` exclusion_violation.
    public static let exclusionViolation = SQLState(rawValue: "23P01")

    // MARK: Class 25 and 26: transaction state, statement name

    /// `25001` active_sql_transaction (a transaction is already open).
    public static let activeSQLTransaction = SQLState(rawValue: "25001")
    /// `25P01` no_active_sql_transaction.
    public static let noActiveSQLTransaction = SQLState(rawValue: "25P01")
    /// `25P02` in_failed_sql_transaction (a statement failed earlier in this transaction).
    public static let inFailedSQLTransaction = SQLState(rawValue: "25P02")
    /// `26000` invalid_sql_statement_name (prepared statement does not exist).
    public static let invalidSQLStatementName = SQLState(rawValue: "26000")

    // MARK: Class 28 and 3D: authorization, catalog

    /// `28000` invalid_authorization_specification.
    public static let invalidAuthorizationSpecification = SQLState(rawValue: "28000")
    /// `28P01` invalid_password.
    public static let invalidPassword = SQLState(rawValue: "28P01")
    /// `3D000` invalid_catalog_name (the database does not exist).
    public static let invalidCatalogName = SQLState(rawValue: "3D000")

    // MARK: Class 40: transaction rollback

    /// `40001` serialization_failure.
    public static let serializationFailure = SQLState(rawValue: "40001")
    /// `40P01` deadlock_detected.
    public static let deadlockDetected = SQLState(rawValue: "40P01")

    // MARK: Class 42: syntax error or access rule violation

    /// `42501` insufficient_privilege.
    public static let insufficientPrivilege = SQLState(rawValue: "42501")
    /// `42601` syntax_error.
    public static let syntaxError = SQLState(rawValue: "42601")
    /// `42703` undefined_column.
    public static let undefinedColumn = SQLState(rawValue: "42703")
    /// `42883` undefined_function.
    public static let undefinedFunction = SQLState(rawValue: "42883")
    /// `42P01` undefined_table.
    public static let undefinedTable = SQLState(rawValue: "42P01")
    /// `42P05` duplicate_prepared_statement.
    public static let duplicatePreparedStatement = SQLState(rawValue: "42P05")
    /// `42P07` duplicate_table.
    public static let duplicateTable = SQLState(rawValue: "42P07")
    /// `42710` duplicate_object.
    public static let duplicateObject = SQLState(rawValue: "42710")

    // MARK: Class 53 and 55: resources, object state

    /// `53300` too_many_connections.
    public static let tooManyConnections = SQLState(rawValue: "53300")
    /// `55P03` lock_not_available (`NOWAIT` or `lock_timeout`).
    public static let lockNotAvailable = SQLState(rawValue: "55P03")

    // MARK: Class 57: operator intervention

    /// `57014` query_canceled (also `statement_timeout`).
    public static let queryCanceled = SQLState(rawValue: "57014")
    /// `57P01` admin_shutdown (the server is shutting down or the backend was terminated).
    public static let adminShutdown = SQLState(rawValue: "57P01")
    /// `57P02` crash_shutdown.
    public static let crashShutdown = SQLState(rawValue: "57P02")
    /// `57P03` cannot_connect_now (the server is starting up or shutting down).
    public static let cannotConnectNow = SQLState(rawValue: "57P03")
    /// `57P04` database_dropped.
    public static let databaseDropped = SQLState(rawValue: "57P04")
    /// `57P05` idle_session_timeout.
    public static let idleSessionTimeout = SQLState(rawValue: "57P05")
}
