/// A fixed set of names a text column may hold (an enum's raw values, say) and what each stands for,
/// matched against the result's bytes by ``PGResult/choice(_:_:_:)`` without building a `String`.
public struct PGTextChoices<Value>: @unchecked Sendable {
    // @unchecked: immutable after init; Value is only handed out by copy.
    @usableFromInline let names: [[UInt8]]
    @usableFromInline let values: [Value]

    /// - Parameter pairs: each name with its value; the first of equal names wins.
    public init(_ pairs: some Sequence<(String, Value)>) {
        var names: [[UInt8]] = []
        var values: [Value] = []
        for (name, value) in pairs {
            names.append(Array(name.utf8))
            values.append(value)
        }
        self.names = names
        self.values = values
    }

    /// The value named by exactly `bytes`, or `nil`.
    @inlinable
    func value(for bytes: UnsafeRawBufferPointer) -> Value? {
        for (index, name) in names.enumerated() where name.count == bytes.count {
            if name.withUnsafeBytes({ $0.elementsEqual(bytes) }) { return values[index] }
        }
        return nil
    }
}

extension PGTextChoices where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// Every case of a string enum, named by its raw value.
    public init(_: Value.Type = Value.self) {
        self.init(Value.allCases.map { ($0.rawValue, $0) })
    }
}

extension PGResult {
    /// The choice a text value names, or `nil` for SQL `NULL` or a name not in `choices`.
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount`` (a text type, in either format).
    ///   - choices: the names the column may hold.
    @inlinable
    public func choice<Value>(_ row: Int, _ column: Int, _ choices: PGTextChoices<Value>) -> Value? {
        withBytes(row, column) { bytes in bytes.flatMap(choices.value(for:)) }
    }
}
