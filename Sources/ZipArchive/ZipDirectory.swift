/// A zip archive whose structure has been checked, read one entry at a time: `ZipReader.directory(of:limits:)`
/// checks everything that can be checked without decompressing (the end record, every central-directory
/// record and entry name, duplicates, declared sizes against `ZipLimits`, each local header, and that no
/// two entries' data overlap), and `contents(of:)` inflates and CRC-checks one entry when asked. So at
/// most one entry's contents need be in memory, and a caller can stop at any entry.
public struct ZipDirectory: Sendable {
    /// The entries, in central-directory order.
    public let entries: [ZipEntryInfo]
    private let bytes: [UInt8]
    private let headers: [CentralHeader]
    private let ranges: [Range<Int>]

    init(bytes: [UInt8], headers: [CentralHeader], ranges: [Range<Int>]) {
        self.bytes = bytes
        self.headers = headers
        self.ranges = ranges
        entries = headers.map { ZipEntryInfo(name: $0.name, uncompressedSize: $0.uncompressedSize, crc32: $0.crc) }
    }

    /// The decompressed, CRC-checked contents of `entries[index]`; never more than its declared size.
    /// - Throws: `ZipError.corruptEntry`, `.sizeMismatch`, `.checksumMismatch`, `.compression`.
    public func contents(of index: Int) throws(ZipError) -> [UInt8] {
        let header = headers[index]
        let data = bytes[ranges[index]]
        let contents: [UInt8]
        if header.method == 0 {
            guard header.compressedSize == header.uncompressedSize else { throw .sizeMismatch(header.name) }
            contents = Array(data)
        } else {
            contents = try ZStream(.inflate).inflateAll(
                data, expectedCount: header.uncompressedSize, entry: header.name)
        }
        guard CRC32.checksum(contents) == header.crc else { throw .checksumMismatch(header.name) }
        if header.name.hasSuffix("/"), !contents.isEmpty {
            throw .corruptEntry(header.name, "a directory with contents")
        }
        return contents
    }
}

/// What the central directory says of one entry, before it is decompressed.
public struct ZipEntryInfo: Sendable, Equatable {
    /// The entry's relative path, `/`-separated; a directory's ends with `/`.
    public let name: String
    /// The size its header declares once decompressed (`contents(of:)` checks it), in bytes.
    public let uncompressedSize: Int
    /// The CRC-32 its header declares for the decompressed contents.
    public let crc32: UInt32

    /// Whether the entry is a directory (its name ends with `/`).
    public var isDirectory: Bool { name.hasSuffix("/") }
}
