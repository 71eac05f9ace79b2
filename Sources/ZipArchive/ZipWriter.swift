#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds a zip archive in memory (APPNOTE.TXT 6.3): a local header and data per entry, then the
/// central directory and the end record. Entries are deflated (raw deflate, CRC-32) unless storing
/// them is smaller. UTF-8 names; no zip64, so at most 65,534 entries and 4 GiB.
public struct ZipWriter {
    private var archive: [UInt8] = []
    private var central: [UInt8] = []
    private var names: Set<String> = []
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// - Parameter modifiedAt: the modification time stamped on every entry, in seconds since the epoch (UTC).
    public init(modifiedAt: Int) {
        (dosDate, dosTime) = Self.dosDateTime(modifiedAt)
    }

    /// Adds a file entry.
    /// - Throws: `ZipError.unsafeName`, `.duplicateEntry`, `.tooManyEntries` / `.tooLarge` past the
    ///   zip32 limits, `.compression`.
    public mutating func add(name: String, contents: [UInt8]) throws(ZipError) {
        guard ZipEntryName.isSafe(name), !name.hasSuffix("/") else { throw .unsafeName(name) }
        guard names.insert(name).inserted else { throw .duplicateEntry(name) }
        guard names.count < 0xFFFF else { throw .tooManyEntries(limit: 0xFFFE) }
        let deflated = try ZStream(.deflate).deflateAll(contents)
        let stored = deflated.count >= contents.count
        let data = stored ? contents : deflated
        let offset = archive.count
        guard offset + 30 + name.utf8.count + data.count + central.count + 46 + name.utf8.count + 22 < Int(UInt32.max),
            contents.count < Int(UInt32.max)
        else { throw .tooLarge(limit: Int(UInt32.max)) }
        let crc = CRC32.checksum(contents)
        let method: UInt16 = stored ? 0 : 8
        let nameBytes = Array(name.utf8)

        archive.appendU32(ZipSignature.localHeader)
        archive.appendU16(20)  // version needed: 2.0 (deflate)
        archive.appendU16(0x0800)  // flags: UTF-8 name
        archive.appendU16(method)
        archive.appendU16(dosTime)
        archive.appendU16(dosDate)
        archive.appendU32(crc)
        archive.appendU32(UInt32(data.count))
        archive.appendU32(UInt32(contents.count))
        archive.appendU16(UInt16(nameBytes.count))
        archive.appendU16(0)  // extra field length
        archive += nameBytes
        archive += data

        central.appendU32(ZipSignature.centralHeader)
        central.appendU16(3 << 8 | 20)  // made by: Unix, 2.0
        central.appendU16(20)
        central.appendU16(0x0800)
        central.appendU16(method)
        central.appendU16(dosTime)
        central.appendU16(dosDate)
        central.appendU32(crc)
        central.appendU32(UInt32(data.count))
        central.appendU32(UInt32(contents.count))
        central.appendU16(UInt16(nameBytes.count))
        central.appendU16(0)  // extra field length
        central.appendU16(0)  // comment length
        central.appendU16(0)  // disk number
        central.appendU16(0)  // internal attributes
        central.appendU32(0o100644 << 16)  // external attributes: a regular file, rw-r--r--
        central.appendU32(UInt32(offset))
        central += nameBytes
    }

    /// The finished archive.
    public func finish() -> [UInt8] {
        var bytes = archive
        bytes += central
        bytes.appendU32(ZipSignature.endOfCentralDirectory)
        bytes.appendU16(0)  // this disk
        bytes.appendU16(0)  // disk with the central directory
        bytes.appendU16(UInt16(names.count))
        bytes.appendU16(UInt16(names.count))
        bytes.appendU32(UInt32(central.count))
        bytes.appendU32(UInt32(archive.count))
        bytes.appendU16(0)  // comment length
        return bytes
    }

    /// MS-DOS date and time fields (2-second resolution, 1980–2107) of a UTC time.
    static func dosDateTime(_ epochSeconds: Int) -> (date: UInt16, time: UInt16) {
        var seconds = time_t(max(epochSeconds, 315_532_800))  // 1980-01-01
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = min(max(Int(parts.tm_year) + 1900 - 1980, 0), 127)
        let date = UInt16(year << 9 | Int(parts.tm_mon + 1) << 5 | Int(parts.tm_mday))
        let time = UInt16(Int(parts.tm_hour) << 11 | Int(parts.tm_min) << 5 | Int(parts.tm_sec) / 2)
        return (date, time)
    }
}
