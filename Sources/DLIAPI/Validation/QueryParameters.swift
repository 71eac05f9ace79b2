import HTTPServer

/// Typed access to query parameters: the first occurrence of a name counts; a malformed escape or a
/// bad value is a 400 `DLI.0001` naming the parameter; unknown parameters are ignored.
struct QueryParameters {
    let items: [QueryItem]

    init(_ request: HTTPRequest) {
        items = request.query
    }

    func string(_ name: String, maxLength: Int) throws(APIError) -> String? {
        guard let item = items.first(where: { $0.name.decoded == name }) else { return nil }
        guard let value = item.value.decoded else { throw .invalidParameter(name, "is not correctly percent-encoded") }
        guard value.unicodeScalars.count <= maxLength else { throw .invalidParameter(name, "must be at most \(maxLength) characters") }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .invalidParameter(name, "must not contain control characters")
        }
        return value.isEmpty ? nil : value
    }

    func int(_ name: String, range: ClosedRange<Int64>) throws(APIError) -> Int64? {
        guard let text = try string(name, maxLength: 20) else { return nil }
        guard let v = Int64(text), range.contains(v), text.first != "+" else {
            throw .invalidParameter(name, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return v
    }

    func bool(_ name: String) throws(APIError) -> Bool? {
        guard let text = try string(name, maxLength: 5) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw .invalidParameter(name, "must be true or false")
        }
    }

    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws(APIError) -> T?
    where T.RawValue == String {
        guard let text = try string(name, maxLength: 64) else { return nil }
        guard let v = T(rawValue: text) else {
            throw .invalidParameter(name, "must be one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return v
    }
}
