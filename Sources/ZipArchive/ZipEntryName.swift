/// The rule for entry names: a relative `/`-separated path with no empty (except a directory's
/// trailing `/`), `.` or `..` component, no backslash, no control character and no drive letter.
enum ZipEntryName {
    static func isSafe(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), name.utf8.count <= 1024 else { return false }
        for scalar in name.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\\" {
            return false
        }
        var parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if name.hasSuffix("/") { parts.removeLast() }
        for part in parts where part.isEmpty || part == "." || part == ".." { return false }
        // A Windows drive prefix such as `C:` or `C:x`.
        let bytes = Array(name.utf8)
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":"), (bytes[0] | 0x20) >= UInt8(ascii: "a"), (bytes[0] | 0x20) <= UInt8(ascii: "z") {
            return false
        }
        return true
    }
}
