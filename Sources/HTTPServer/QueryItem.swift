/// One `name=value` pair of a query string, both kept raw and decoded.
///
/// In the query (only) `+` decodes to a space. A component without `=` (`?flag`) has the value `""`.
public struct QueryItem: Sendable, Equatable, Hashable {
    /// The name before the first `=`.
    public let name: PercentEncodedString
    /// The value after the first `=`, or an empty string when there is no `=`.
    public let value: PercentEncodedString

    /// Creates a query item from raw (still percent-encoded) name and value.
    /// - Parameters:
    ///   - name: raw name.
    ///   - value: raw value.
    public init(rawName name: String, rawValue value: String) {
        self.name = PercentEncodedString(name, plusAsSpace: true)
        self.value = PercentEncodedString(value, plusAsSpace: true)
    }

    init(name: PercentEncodedString, value: PercentEncodedString) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == QueryItem {
    /// The decoded value of the first item whose decoded name is `name`, or `nil`.
    /// - Parameter name: decoded name to look for (case-sensitive).
    public func firstValue(named name: String) -> PercentEncodedString? {
        first { $0.name.decoded == name }?.value
    }
}
