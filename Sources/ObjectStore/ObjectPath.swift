/// An object-store path as DLI clients write it: `obs://bucket/key/...` or `bucket/key/...`.
///
/// The bucket follows OBS naming (3–63 of lowercase letters, digits, `-` and `.`, starting and ending
/// with a letter or digit). Key components are non-empty, never `.` or `..`, and hold no NUL,
/// backslash or control characters. A trailing `/` is allowed and ignored. Parsing is the only way to
/// make one, so a value of this type can always be mapped below a store's root.
public struct ObjectPath: Sendable, Hashable, CustomStringConvertible {
    /// Longest accepted path text, in UTF-8 bytes.
    public static let maxLength = 1024
    /// Longest key component, in UTF-8 bytes (a common file-name limit).
    public static let maxComponentLength = 255
    /// Most key components.
    public static let maxDepth = 32

    /// The bucket name.
    public let bucket: String
    /// The key split at `/`; empty for the bucket itself.
    public let components: [String]
    /// Whether the text started with `obs://`; kept so the path is shown back as the client wrote it.
    public let hasScheme: Bool

    /// Parses `text`.
    /// - Throws: `ObjectPathError` naming what is wrong.
    public init(parsing text: String) throws(ObjectPathError) {
        guard !text.isEmpty else { throw .empty }
        guard text.utf8.count <= Self.maxLength else { throw .tooLong(limit: Self.maxLength) }
        var rest = Substring(text)
        hasScheme = rest.hasPrefix("obs://")
        if hasScheme { rest = rest.dropFirst(6) }
        if rest.hasPrefix("/") { throw .absolute }
        var parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard let first = parts.first else { throw .empty }
        try Self.checkBucket(first)
        var components: [String] = []
        for part in parts.dropFirst() {
            try Self.checkComponent(part)
            components.append(String(part))
        }
        guard components.count <= Self.maxDepth else { throw .tooDeep(limit: Self.maxDepth) }
        self.bucket = String(first)
        self.components = components
    }

    private init(bucket: String, components: [String], hasScheme: Bool) {
        self.bucket = bucket
        self.components = components
        self.hasScheme = hasScheme
    }

    /// This path with one more key component.
    /// - Throws: `ObjectPathError` when `name` is not a valid component or the path gets too deep.
    public func appending(_ name: String) throws(ObjectPathError) -> ObjectPath {
        try Self.checkComponent(Substring(name))
        guard components.count < Self.maxDepth else { throw .tooDeep(limit: Self.maxDepth) }
        return ObjectPath(bucket: bucket, components: components + [name], hasScheme: hasScheme)
    }

    /// The last key component, or the bucket for a bucket path.
    public var lastName: String { components.last ?? bucket }

    /// The key (components joined by `/`), empty for the bucket itself.
    public var key: String { components.joined(separator: "/") }

    /// The path as the client spelled it: `obs://bucket/key` or `bucket/key`.
    public var description: String {
        (hasScheme ? "obs://" : "") + ([bucket] + components).joined(separator: "/")
    }

    private static func checkBucket(_ s: Substring) throws(ObjectPathError) {
        let bytes = Array(s.utf8)
        guard (3...63).contains(bytes.count) else { throw .invalidBucket }
        for b in bytes {
            let ok = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            guard ok else { throw .invalidBucket }
        }
        let isAlnum = { (b: UInt8) in b != UInt8(ascii: "-") && b != UInt8(ascii: ".") }
        guard isAlnum(bytes[0]), isAlnum(bytes[bytes.count - 1]) else { throw .invalidBucket }
        // OBS also forbids adjacent periods and period–hyphen pairs.
        for i in 1..<bytes.count where !isAlnum(bytes[i]) && !isAlnum(bytes[i - 1]) { throw .invalidBucket }
    }

    private static func checkComponent(_ s: Substring) throws(ObjectPathError) {
        guard !s.isEmpty else { throw .emptyComponent }
        guard s != ".", s != ".." else { throw .dotComponent }
        guard s.utf8.count <= maxComponentLength else { throw .componentTooLong(limit: maxComponentLength) }
        for b in s.utf8 where b < 0x20 || b == 0x7F || b == UInt8(ascii: "\\") || b == UInt8(ascii: "/") {
            throw .forbiddenCharacter
        }
    }
}
