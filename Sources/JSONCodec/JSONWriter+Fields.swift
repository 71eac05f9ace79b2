extension JSONWriter {
    /// Writes a member whose value is a string, or `null` for `nil`.
    ///
    /// - Parameters:
    ///   - key: The member name.
    ///   - value: The value.
    public mutating func field(_ key: StaticString, _ value: String?) {
        self.key(key)
        if let value { string(value) } else { null() }
    }

    /// Writes a member whose value is an integer, or `null` for `nil`.
    ///
    /// - Parameters:
    ///   - key: The member name.
    ///   - value: The value.
    public mutating func field(_ key: StaticString, _ value: Int?) {
        self.key(key)
        if let value { int(value) } else { null() }
    }

    /// Writes a member whose value is an integer, or `null` for `nil`.
    ///
    /// - Parameters:
    ///   - key: The member name.
    ///   - value: The value.
    public mutating func field(_ key: StaticString, _ value: Int64?) {
        self.key(key)
        if let value { int(value) } else { null() }
    }

    /// Writes a member whose value is a double (see ``double(_:)``), or `null` for `nil`.
    ///
    /// - Parameters:
    ///   - key: The member name.
    ///   - value: The value.
    public mutating func field(_ key: StaticString, _ value: Double?) {
        self.key(key)
        if let value { double(value) } else { null() }
    }

    /// Writes a member whose value is a Boolean, or `null` for `nil`.
    ///
    /// - Parameters:
    ///   - key: The member name.
    ///   - value: The value.
    public mutating func field(_ key: StaticString, _ value: Bool?) {
        self.key(key)
        if let value { bool(value) } else { null() }
    }

    /// Writes a member whose value is any JSON value, or `null` for `nil`.
    ///
    /// - Parameters:
    ///   - key: The member name.
    ///   - value: The value.
    public mutating func field(_ key: StaticString, _ value: JSONValue?) {
        self.key(key)
        if let value { self.value(value) } else { null() }
    }
}
