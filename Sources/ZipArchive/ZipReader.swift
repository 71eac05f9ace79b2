/// Reads a zip archive from memory, checking everything: structure and bounds, entry names, sizes
/// against `ZipLimits` before decompressing, and each entry's CRC-32. Stored and deflated entries
/// only; zip64, encrypted and multi-disk archives are refused with a clear error.
public enum ZipReader {
    /// The archive's checked structure, from which entries are decompressed one at a time: nothing is
    /// decompressed yet.
    /// - Throws: `ZipError` describing the first problem found.
    public static func directory(of bytes: [UInt8], limits: ZipLimits = ZipLimits()) throws(ZipError) -> ZipDirectory {
        let end = try endRecord(bytes)
        guard end.entryCount <= limits.maxEntries else { throw .tooManyEntries(limit: limits.maxEntries) }
        var headers: [CentralHeader] = []
        var position = end.directoryOffset
        var total = 0
        var names: Set<String> = []
        for _ in 0..<end.entryCount {
            let header = try CentralHeader(bytes, at: position, limit: end.directoryEnd)
            position = header.next
            guard names.insert(header.name).inserted else { throw .duplicateEntry(header.name) }
            guard header.uncompressedSize <= limits.maxEntryBytes else {
                throw .entryTooLarge(header.name, limit: limits.maxEntryBytes)
            }
            total += header.uncompressedSize
            guard total <= limits.maxTotalBytes else { throw .tooLarge(limit: limits.maxTotalBytes) }
            headers.append(header)
        }
        guard position == end.directoryEnd else { throw .corrupt("the central directory has trailing bytes") }

        // Each entry's data must lie in its own range before the central directory: overlapping
        // entries are a known way to build a zip bomb out of one compressed block.
        var ranges: [Range<Int>] = []
        for header in headers { ranges.append(try dataRange(bytes, header, limit: end.directoryOffset)) }
        let sorted = zip(ranges, headers).sorted { $0.0.lowerBound < $1.0.lowerBound }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.0.lowerBound < a.0.upperBound {
            throw .corrupt("entries '\(a.1.name.forMessage)' and '\(b.1.name.forMessage)' overlap")
        }
        return ZipDirectory(bytes: bytes, headers: headers, ranges: ranges)
    }

    /// All of the archive's entries, decompressed, in central-directory order. For small archives:
    /// `directory(of:limits:)` reads one entry at a time.
    /// - Throws: `ZipError` describing the first problem found.
    public static func entries(of bytes: [UInt8], limits: ZipLimits = ZipLimits()) throws(ZipError) -> [ZipEntry] {
        let directory = try directory(of: bytes, limits: limits)
        var entries: [ZipEntry] = []
        entries.reserveCapacity(directory.entries.count)
        for (index, info) in directory.entries.enumerated() {
            entries.append(ZipEntry(name: info.name, contents: try directory.contents(of: index)))
        }
        return entries
    }

    struct EndRecord {
        var entryCount: Int
        var directoryOffset: Int
        var directoryEnd: Int
    }

    /// The end-of-central-directory record: searched backwards over the longest possible comment.
    static func endRecord(_ bytes: [UInt8]) throws(ZipError) -> EndRecord {
        guard bytes.count >= 22 else { throw .notAZip }
        var found: Int?
        var at = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while at >= lowest {
            if bytes.u32(at: at) == ZipSignature.endOfCentralDirectory, at + 22 + Int(bytes.u16(at: at + 20)) == bytes.count {
                found = at
                break
            }
            at -= 1
        }
        guard let eocd = found else { throw .notAZip }
        if eocd >= 20, bytes.u32(at: eocd - 20) == ZipSignature.zip64EndLocator { throw .zip64Unsupported }
        let disk = bytes.u16(at: eocd + 4)
        let directoryDisk = bytes.u16(at: eocd + 6)
        let onDisk = bytes.u16(at: eocd + 8)
        let count = bytes.u16(at: eocd + 10)
        let size = bytes.u32(at: eocd + 12)
        let offset = bytes.u32(at: eocd + 16)
        if count == 0xFFFF || onDisk == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw .zip64Unsupported }
        guard disk == 0, directoryDisk == 0, onDisk == count else { throw .multiDiskUnsupported }
        guard Int(offset) + Int(size) <= eocd else { throw .corrupt("the central directory lies outside the archive") }
        return EndRecord(entryCount: Int(count), directoryOffset: Int(offset), directoryEnd: Int(offset) + Int(size))
    }

    /// Where an entry's data lies, checked against its local header.
    static func dataRange(_ bytes: [UInt8], _ header: CentralHeader, limit: Int) throws(ZipError) -> Range<Int> {
        let at = header.localHeaderOffset
        guard at + 30 <= limit, bytes.u32(at: at) == ZipSignature.localHeader else {
            throw .corrupt("the local header of '\(header.name.forMessage)' is missing")
        }
        let nameLength = Int(bytes.u16(at: at + 26))
        let extraLength = Int(bytes.u16(at: at + 28))
        let start = at + 30 + nameLength + extraLength
        guard start <= limit, Array(bytes[(at + 30)..<(at + 30 + nameLength)]) == header.rawName else {
            throw .corrupt("the local header of '\(header.name.forMessage)' does not match the central directory")
        }
        guard start + header.compressedSize <= limit else { throw .corruptEntry(header.name, "the data is truncated") }
        return start..<(start + header.compressedSize)
    }
}
