extension JSONValue {
    /// The string, if this value is a string; otherwise `nil`.
    @inlinable
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The Boolean, if this value is `true` or `false`; otherwise `nil`.
    @inlinable
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number, if this value is a number; otherwise `nil`.
    @inlinable
    public var numberValue: JSONNumber? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The exact integer, if this value is a number written as an integer that fits in `Int64`.
    ///
    /// `5.0`, `5e0` and strings such as `"5"` give `nil`; see ``JSONNumber/int64Value``.
    @inlinable
    public var int64Value: Int64? {
        if case .number(let n) = self { return n.int64Value }
        return nil
    }

    /// The number as a `Double`, if this value is a number; otherwise `nil`.
    @inlinable
    public var doubleValue: Double? {
        if case .number(let n) = self { return n.doubleValue }
        return nil
    }

    /// The elements, if this value is an array; otherwise `nil`.
    @inlinable
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object, if this value is an object; otherwise `nil`.
    @inlinable
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Whether this value is the literal `null`.
    @inlinable
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The JSON type name for error messages: `"string"`, `"number"`, `"boolean"`, `"null"`,
    /// `"array"` or `"object"`.
    @inlinable
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The member named `key`, if this value is an object that has it; otherwise `nil`.
    ///
    /// - Parameter key: The member name, compared with `String` equality.
    @inlinable
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}
