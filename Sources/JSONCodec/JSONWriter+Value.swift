extension JSONWriter {
    /// Writes a whole value; object members keep their order, numbers their literal text.
    ///
    /// Recurses once per nesting level: parsed values are bounded by the parser's depth limit,
    /// and values built in code are as deep as their author made them.
    ///
    /// - Parameter value: The value.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null:
            null()
        case .bool(let b):
            bool(b)
        case .number(let n):
            number(n)
        case .string(let s):
            string(s)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let object):
            beginObject()
            for (name, member) in object {
                key(name)
                self.value(member)
            }
            endObject()
        }
    }
}

extension JSONValue {
    /// This value as compact JSON (UTF-8), members in order; see ``JSONWriter/value(_:)``.
    ///
    /// - Parameter capacity: Bytes to reserve up front.
    /// - Returns: The document's bytes.
    public func serialized(capacity: Int = 256) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        writer.value(self)
        return writer.bytes
    }
}
