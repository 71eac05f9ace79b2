/// Bounds on what `ZipReader` accepts, so a small hostile archive (a "zip bomb") cannot exhaust
/// memory: sizes are checked against the central directory before anything is decompressed, and
/// decompression never produces more than an entry declares.
public struct ZipLimits: Sendable, Equatable {
    /// Most entries (directories included).
    public var maxEntries: Int
    /// Largest uncompressed entry, in bytes.
    public var maxEntryBytes: Int
    /// Largest sum of uncompressed entries, in bytes.
    public var maxTotalBytes: Int

    /// Limits with defaults of 1000 entries, 16 MiB per entry and 64 MiB in all.
    public init(maxEntries: Int = 1000, maxEntryBytes: Int = 16 << 20, maxTotalBytes: Int = 64 << 20) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
    }
}

/// One file or directory of an archive, decompressed and checked.
public struct ZipEntry: Sendable, Equatable {
    /// The entry's relative path, `/`-separated; a directory's ends with `/`.
    public let name: String
    /// The decompressed, CRC-checked bytes.
    public let contents: [UInt8]

    /// Whether the entry is a directory (its name ends with `/`; it has no contents).
    public var isDirectory: Bool { name.hasSuffix("/") }

    /// An entry with this name and contents.
    public init(name: String, contents: [UInt8]) {
        self.name = name
        self.contents = contents
    }
}
