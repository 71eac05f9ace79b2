import JSONCodec

/// Typed access to a request object's fields. `null` reads as absent; unknown fields are ignored;
/// a wrong type or a value out of range is a 400 `DLI.0001` naming the field (its `path`).
struct FieldReader {
    let object: JSONObject
    /// The field path prefix for messages, e.g. `tags[2].`.
    let prefix: String

    init(_ object: JSONObject, prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    private func value(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    private func fail(_ key: String, _ reason: String) -> APIError { .invalidParameter(prefix + key, reason) }

    /// A string of `length` characters (Unicode scalars); control characters other than tab/newline are
    /// refused when `singleLine` is false they are allowed only as `\t \n \r`.
    func string(_ key: String, length: ClosedRange<Int>, singleLine: Bool = false) throws(APIError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let s) = value else { throw fail(key, "must be a string, not \(value.typeName)") }
        let count = s.unicodeScalars.count
        guard length.contains(count) else {
            throw fail(key, length.lowerBound == 0 || count > 0
                ? "must be at most \(length.upperBound) characters" : "must not be empty")
        }
        for scalar in s.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            if singleLine || !(scalar == "\t" || scalar == "\n" || scalar == "\r") {
                throw fail(key, "must not contain control characters")
            }
        }
        return s
    }

    /// Like `string`, but the field is required.
    func requiredString(_ key: String, length: ClosedRange<Int>, singleLine: Bool = true) throws(APIError) -> String {
        guard let s = try string(key, length: length, singleLine: singleLine) else { throw fail(key, "is required") }
        return s
    }

    /// An optional option string where `""` also means "not set" (Go clients send `""` for unset fields).
    func option(_ key: String, maxLength: Int) throws(APIError) -> String? {
        guard let s = try string(key, length: 0...maxLength) else { return nil }
        return s.isEmpty ? nil : s
    }

    /// An integer in `range`. Integer syntax only: `1.0` or `1e3` are refused.
    func int(_ key: String, range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .number(let n) = value else { throw fail(key, "must be an integer, not \(value.typeName)") }
        guard let v = n.int64Value else { throw fail(key, "must be an integer") }
        guard v >= Int64(range.lowerBound), v <= Int64(range.upperBound) else {
            throw fail(key, "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return Int(v)
    }

    /// A 64-bit integer ≥ `minimum`.
    func int64(_ key: String, minimum: Int64) throws(APIError) -> Int64? {
        guard let value = value(key) else { return nil }
        guard case .number(let n) = value, let v = n.int64Value else { throw fail(key, "must be an integer") }
        guard v >= minimum else { throw fail(key, "must be at least \(minimum)") }
        return v
    }

    func bool(_ key: String) throws(APIError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let b) = value else { throw fail(key, "must be a boolean, not \(value.typeName)") }
        return b
    }

    /// One of a fixed set of strings.
    func choice<T: RawRepresentable>(_ key: String, _ type: T.Type) throws(APIError) -> T? where T.RawValue == String, T: CaseIterable {
        guard let s = try string(key, length: 0...64, singleLine: true) else { return nil }
        guard let v = T(rawValue: s) else {
            throw fail(key, "must be one of " + T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))
        }
        return v
    }

    /// An array of strings.
    func stringArray(_ key: String, maxCount: Int, itemLength: ClosedRange<Int>) throws(APIError) -> [String]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value else { throw fail(key, "must be an array of strings") }
        guard items.count <= maxCount else { throw fail(key, "must have at most \(maxCount) items") }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item else { throw fail("\(key)[\(i)]", "must be a string") }
            guard itemLength.contains(s.unicodeScalars.count) else {
                throw fail("\(key)[\(i)]", "must be \(itemLength.lowerBound) to \(itemLength.upperBound) characters")
            }
            if s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw fail("\(key)[\(i)]", "must not contain control characters")
            }
            result.append(s)
        }
        return result
    }

    /// An array of objects, each read by `each` with a `key[i].` prefix.
    func objectArray<T>(_ key: String, maxCount: Int, _ each: (FieldReader) throws(APIError) -> T) throws(APIError) -> [T]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value else { throw fail(key, "must be an array of objects") }
        guard items.count <= maxCount else { throw fail(key, "must have at most \(maxCount) items") }
        var result: [T] = []
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item else { throw fail("\(key)[\(i)]", "must be an object") }
            result.append(try each(FieldReader(o, prefix: "\(prefix)\(key)[\(i)].")))
        }
        return result
    }

    /// A nested object.
    func object(_ key: String) throws(APIError) -> FieldReader? {
        guard let value = value(key) else { return nil }
        guard case .object(let o) = value else { throw fail(key, "must be an object, not \(value.typeName)") }
        return FieldReader(o, prefix: "\(prefix)\(key).")
    }

    /// A number (integer or decimal) ≥ `minimum`.
    func double(_ key: String, minimum: Double) throws(APIError) -> Double? {
        guard let value = value(key) else { return nil }
        guard case .number(let n) = value else { throw fail(key, "must be a number, not \(value.typeName)") }
        guard n.doubleValue >= minimum, n.doubleValue.isFinite else { throw fail(key, "must be at least \(minimum)") }
        return n.doubleValue
    }
}
