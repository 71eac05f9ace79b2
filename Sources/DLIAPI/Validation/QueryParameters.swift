import HTTPServer

/// Typed access to query parameters: a malformed escape or a bad value is a 400 `DLI.0001` naming the
/// parameter; unknown parameters are ignored. A name given more than once never gets here:
/// ``refuseRepeatedNames(_:)`` refuses the whole request first (the signature covers a sorted query, so
/// `?a=1&a=2` and `?a=2&a=1` sign alike and no occurrence may be picked).
struct QueryParameters {
    let items: [QueryItem]

    init(_ request: HTTPRequest) {
        items = request.query
    }

    /// Refuses a query that gives the same (decoded) parameter name more than once, known or not.
    /// - Throws: 400 `DLI.0001` naming the first repeated parameter.
    static func refuseRepeatedNames(_ items: [QueryItem]) throws(APIError) {
        guard items.count > 1 else { return }
        var decodedNames = Set<String>()
        // Undecodable names (`%zz`) match no parameter; two identical ones still count as a repeat.
        var undecodableNames = Set<String>()
        for item in items {
            let isNew: Bool
            if let name = item.name.decoded {
                isNew = decodedNames.insert(name).inserted
            } else {
                isNew = undecodableNames.insert(item.name.raw).inserted
            }
            guard isNew else {
                let shown = (item.name.decoded ?? item.name.raw).sanitizedForMessage
                throw .invalidParameter(shown, "is given more than once")
            }
        }
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
