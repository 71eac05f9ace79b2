import JSONCodec

extension JSONValue {
    /// Whether any string or member name anywhere in this value contains U+0000, which PostgreSQL can
    /// store neither in `text` nor in `jsonb`.
    var containsNUL: Bool {
        switch self {
        case .null, .bool, .number:
            return false
        case .string(let s):
            return s.utf8.contains(0)
        case .array(let items):
            return items.contains { $0.containsNUL }
        case .object(let object):
            return object.contains { $0.key.utf8.contains(0) || $0.value.containsNUL }
        }
    }
}
