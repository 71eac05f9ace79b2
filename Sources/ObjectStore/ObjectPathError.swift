/// Why a text is not a valid `ObjectPath`. Descriptions are safe to show to clients.
public enum ObjectPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No text, or no bucket.
    case empty
    /// More than `limit` UTF-8 bytes.
    case tooLong(limit: Int)
    /// Starts with `/` (also after `obs://`).
    case absolute
    /// The bucket breaks OBS naming.
    case invalidBucket
    /// `//` inside the key.
    case emptyComponent
    /// A `.` or `..` component.
    case dotComponent
    /// A component longer than `limit` bytes.
    case componentTooLong(limit: Int)
    /// A NUL, control character or backslash.
    case forbiddenCharacter
    /// More than `limit` key components.
    case tooDeep(limit: Int)

    public var description: String {
        switch self {
        case .empty: return "must be an object path such as obs://bucket/dir"
        case .tooLong(let limit): return "must be at most \(limit) bytes"
        case .absolute: return "must start with a bucket name, not '/'"
        case .invalidBucket:
            return "the bucket must be 3-63 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit"
        case .emptyComponent: return "must not contain empty path components ('//')"
        case .dotComponent: return "must not contain '.' or '..' components"
        case .componentTooLong(let limit): return "path components must be at most \(limit) bytes"
        case .forbiddenCharacter: return "must not contain backslashes or control characters"
        case .tooDeep(let limit): return "must have at most \(limit) path components"
        }
    }
}
