/// A JSON object: members in document order, with unique names.
///
/// Lookup by name is a linear scan for small objects and a hash lookup once an object has more
/// than ``indexThreshold`` members. Names are compared with `String` equality (Unicode canonical
/// equivalence), the same rule the parser uses to reject duplicate names.
///
/// Two objects are equal when they have the same names with equal values, in any order.
public struct JSONObject: Sequence, Sendable {
    /// One member: its name and value.
    public typealias Element = (key: String, value: JSONValue)

    /// Member count above which lookups go through a hash index.
    public static let indexThreshold = 16

    /// The members in order.
    private(set) var members: [Element]

    /// Name → position in `members`; built only for objects above ``indexThreshold``.
    private var index: [String: Int]?

    /// Creates an empty object.
    public init() {
        self.members = []
        self.index = nil
    }

    /// Creates an object from members with distinct names, keeping their order.
    ///
    /// - Parameter members: The members; a repeated name is a programming error and traps.
    public init(uniqueKeysWithValues members: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in members {
            precondition(self[key] == nil, "duplicate key in JSONObject")
            append(key: key, value: value)
        }
    }

    /// Wraps members the parser has already checked for duplicates, with its index if it built one.
    init(checkedMembers: [Element], index: [String: Int]?) {
        self.members = checkedMembers
        self.index = checkedMembers.count > Self.indexThreshold ? index ?? Self.makeIndex(checkedMembers) : nil
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The member names in order.
    public var keys: some Collection<String> { members.lazy.map(\.key) }

    /// The member values in order.
    public var values: some Collection<JSONValue> { members.lazy.map(\.value) }

    /// The value of the member named `key`, or `nil`; setting `nil` removes the member, setting a
    /// value replaces it in place or appends a new member at the end.
    ///
    /// - Parameter key: The member name.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return members[position].value
        }
        set {
            switch (position(of: key), newValue) {
            case (let position?, let value?):
                members[position].value = value
            case (let position?, nil):
                members.remove(at: position)
                index = members.count > Self.indexThreshold ? Self.makeIndex(members) : nil
            case (nil, let value?):
                append(key: key, value: value)
            case (nil, nil):
                break
            }
        }
    }

    /// Returns an iterator over the members in order.
    public func makeIterator() -> IndexingIterator<[Element]> {
        members.makeIterator()
    }

    /// The number of members, for `Sequence` algorithms.
    public var underestimatedCount: Int { members.count }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    private mutating func append(key: String, value: JSONValue) {
        members.append((key, value))
        if index != nil {
            index![key] = members.count - 1
        } else if members.count > Self.indexThreshold {
            index = Self.makeIndex(members)
        }
    }

    private static func makeIndex(_ members: [Element]) -> [String: Int] {
        var index = [String: Int](minimumCapacity: members.count)
        for (position, member) in members.enumerated() {
            index[member.key] = position
        }
        return index
    }
}

extension JSONObject: Equatable {
    /// Whether both objects have the same names with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        // Fast path: same order, which is the common case (a value and its round trip).
        var sameOrder = true
        for (l, r) in zip(lhs.members, rhs.members) {
            guard l.key == r.key else {
                sameOrder = false
                break
            }
            guard l.value == r.value else { return false }
        }
        if sameOrder { return true }
        for member in lhs.members {
            guard rhs[member.key] == member.value else { return false }
        }
        return true
    }
}
