/// A fixed list of prepared statements with their bind parameters, sent to the server together by
/// ``PGConnection/pipelined(_:localSettings:)`` (one network round trip for the whole list).
///
/// Use it when no statement's parameters depend on an earlier statement's result; otherwise use
/// ``PGConnection/transaction(localSettings:_:)``.
public struct PGBatch {
    /// One statement to run, with its parameters already in text form (`nil` is SQL `NULL`).
    struct Item {
        let statement: PGStatement
        let values: [String?]
    }

    /// The statements, in the order they run.
    private(set) var items: [Item] = []

    /// An empty batch.
    public init() {}

    /// A batch of one statement.
    /// - Parameters:
    ///   - statement: the statement; its name must always carry the same SQL.
    ///   - parameters: the values for `$1`, `$2`, …
    public init(_ statement: PGStatement, _ parameters: [any PGBindable] = []) {
        add(statement, parameters)
    }

    /// Appends a statement; its result comes back at this position.
    /// - Parameters:
    ///   - statement: the statement; its name must always carry the same SQL.
    ///   - parameters: the values for `$1`, `$2`, …; never part of the SQL text.
    public mutating func add(_ statement: PGStatement, _ parameters: [any PGBindable] = []) {
        items.append(Item(statement: statement, values: parameters.map(\.pgText)))
    }

    /// How many statements the batch holds.
    public var count: Int { items.count }
}

/// A run-time parameter set for the length of one transaction (`set_config(name, value, true)`, like
/// `SET LOCAL`), for example the tenant a row-level security policy reads with `current_setting`.
public struct PGLocalSetting: Sendable, Hashable {
    /// The parameter's name; custom ones need a dot, for example `app.project_id`.
    public let name: String
    /// Its value for the transaction.
    public let value: String

    /// - Parameters:
    ///   - name: the parameter's name (a bind parameter, never SQL text).
    ///   - value: its value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// The statement that sets it; prepared like any other.
    static let statement = PGStatement(name: "pg.set_local", sql: "SELECT set_config($1, $2, true)")

    /// That statement with this setting's name and value, to run ahead of a batch.
    var item: PGBatch.Item { PGBatch.Item(statement: Self.statement, values: [name, value]) }
}
