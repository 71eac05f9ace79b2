import ObjectStore

/// Object locations in request bodies: `obs://bucket/key` or `bucket/key`, always of the request's own
/// project (the service maps them into that project's space; see `FileObjectStore.project(_:)`).
/// Checked when the request arrives, so a `file:` URL, another scheme or a `..` never gets stored, let
/// alone reach the engine. The text is kept as the client wrote it.
extension FieldReader {
    /// An optional location; `""` means not set, like ``option(_:maxLength:)``.
    func location(_ key: String) throws(APIError) -> String? {
        guard let text = try option(key, maxLength: ObjectPath.maxLength) else { return nil }
        try Self.checkLocation(text, field: prefix + key)
        return text
    }

    /// A required location.
    func requiredLocation(_ key: String) throws(APIError) -> String {
        let text = try requiredString(key, length: 1...ObjectPath.maxLength)
        try Self.checkLocation(text, field: prefix + key)
        return text
    }

    /// An optional list of locations (at most `maxCount`).
    func locations(_ key: String, maxCount: Int) throws(APIError) -> [String]? {
        guard let items = try stringArray(key, maxCount: maxCount, itemLength: 1...ObjectPath.maxLength) else { return nil }
        for (index, text) in items.enumerated() { try Self.checkLocation(text, field: "\(prefix)\(key)[\(index)]") }
        return items
    }

    /// 400 `DLI.0001` naming `field` unless `text` is an object location.
    static func checkLocation(_ text: String, field: String) throws(APIError) {
        if let scheme = scheme(of: text), scheme != "obs" {
            throw .invalidParameter(
                field, "must be an object location of this project such as obs://bucket/dir, not a '\(scheme):' URL")
        }
        do {
            _ = try ObjectPath(parsing: text)
        } catch {
            throw .invalidParameter(field, "must be an object location of this project such as obs://bucket/dir (\(error))")
        }
    }

    /// The URL scheme `text` starts with (`file` in `file:///x`), if any: letters, digits, `+`, `-`, `.`
    /// after a first letter, then `:`. At most 32 characters, shown in the message.
    private static func scheme(of text: String) -> String? {
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = text.utf8[..<colon]
        guard let first = name.first, (1...32).contains(name.count),
            (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z"),
            name.allSatisfy({ b in
                let lower = b | 0x20
                return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                    || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            })
        else { return nil }
        return String(decoding: name, as: UTF8.self).lowercased()
    }
}
