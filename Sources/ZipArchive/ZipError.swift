/// Why a zip archive cannot be read or written. Descriptions are safe to show to clients and name
/// the entry concerned.
public enum ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No end-of-central-directory record: not a zip file, or a truncated one.
    case notAZip
    /// The archive's structure is inconsistent (offsets or sizes out of bounds, bad signatures).
    case corrupt(String)
    /// The archive uses zip64 extensions, which are not supported.
    case zip64Unsupported
    /// The archive spans several disks.
    case multiDiskUnsupported
    /// An entry is encrypted.
    case encrypted(String)
    /// An entry uses a compression method other than stored (0) or deflated (8).
    case unsupportedMethod(String, method: UInt16)
    /// An entry's name is empty, absolute, has a `..` component, a backslash or a control character.
    case unsafeName(String)
    /// Two entries have the same name.
    case duplicateEntry(String)
    /// More entries than the limit.
    case tooManyEntries(limit: Int)
    /// An entry is larger than the per-entry limit once decompressed.
    case entryTooLarge(String, limit: Int)
    /// The entries together are larger than the total limit once decompressed.
    case tooLarge(limit: Int)
    /// An entry's compressed data is damaged.
    case corruptEntry(String, String)
    /// An entry decompresses to another size than its header declares.
    case sizeMismatch(String)
    /// An entry's CRC-32 does not match its contents.
    case checksumMismatch(String)
    /// zlib failed outside of bad input (e.g. out of memory).
    case compression(String)

    public var description: String {
        switch self {
        case .notAZip: return "not a zip archive (no end of central directory record; truncated?)"
        case .corrupt(let what): return "corrupt zip archive: \(what)"
        case .zip64Unsupported: return "zip64 archives are not supported"
        case .multiDiskUnsupported: return "multi-disk zip archives are not supported"
        case .encrypted(let name): return "entry '\(name.forMessage)' is encrypted"
        case .unsupportedMethod(let name, let method):
            return "entry '\(name.forMessage)' uses compression method \(method); only stored (0) and deflated (8) are supported"
        case .unsafeName(let name): return "entry name '\(name.forMessage)' is not a safe relative path"
        case .duplicateEntry(let name): return "entry '\(name.forMessage)' appears twice"
        case .tooManyEntries(let limit): return "more than \(limit) entries"
        case .entryTooLarge(let name, let limit): return "entry '\(name.forMessage)' is larger than \(limit) bytes uncompressed"
        case .tooLarge(let limit): return "the entries are larger than \(limit) bytes uncompressed in total"
        case .corruptEntry(let name, let why): return "entry '\(name.forMessage)' is corrupt: \(why)"
        case .sizeMismatch(let name): return "entry '\(name.forMessage)' does not have its declared size"
        case .checksumMismatch(let name): return "entry '\(name.forMessage)' fails its CRC-32 check"
        case .compression(let why): return "compression failed: \(why)"
        }
    }
}

extension String {
    /// At most 128 characters with control characters replaced, for messages.
    var forMessage: String {
        String(String.UnicodeScalarView(unicodeScalars.prefix(128).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }
}
