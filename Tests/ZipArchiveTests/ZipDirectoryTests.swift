import Testing

@testable import ZipArchive

/// `ZipReader.directory(of:limits:)`: the structure and limits are checked before anything is
/// decompressed, then entries are decompressed one at a time, only when asked.
@Suite struct ZipDirectoryTests {
    func archive(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
        var writer = ZipWriter(modifiedAt: 0)
        for (name, contents) in entries { try writer.add(name: name, contents: contents) }
        return writer.finish()
    }

    /// `bytes` with the deflated data of its first entry damaged, so inflating that entry fails.
    func damagingFirstEntry(_ bytes: [UInt8]) -> [UInt8] {
        var damaged = bytes
        let dataStart = 30 + Int(bytes.u16(at: 26)) + Int(bytes.u16(at: 28))
        for i in dataStart..<(dataStart + 8) { damaged[i] = 0xFF }
        return damaged
    }

    @Test func listsEntriesWithoutDecompressingThenReadsEachOnDemand() throws {
        let a = Array(String(repeating: "abc", count: 10_000).utf8)
        let b = Array(String(repeating: "xyz", count: 20_000).utf8)
        let directory = try ZipReader.directory(of: try archive([("a.json", a), ("dir/b.json", b)]))
        #expect(directory.entries.map(\.name) == ["a.json", "dir/b.json"])
        #expect(directory.entries.map(\.uncompressedSize) == [a.count, b.count])
        #expect(directory.entries[1].crc32 == CRC32.checksum(b))
        #expect(try directory.contents(of: 1) == b)
        #expect(try directory.contents(of: 0) == a)
    }

    @Test func aDamagedEntryFailsOnlyWhenItIsRead() throws {
        let good = Array(String(repeating: "good ", count: 5000).utf8)
        let bytes = damagingFirstEntry(
            try archive([("bad", Array(String(repeating: "bad ", count: 5000).utf8)), ("good", good)]))
        // Opening and reading the other entry decompress nothing of the damaged one: a caller can stop early.
        let directory = try ZipReader.directory(of: bytes)
        #expect(try directory.contents(of: 1) == good)
        #expect(throws: ZipError.self) { try directory.contents(of: 0) }
        #expect(readError(bytes) != nil)
    }

    @Test func limitsAreEnforcedBeforeAnythingIsDecompressed() throws {
        // The first entry's data is damaged: had it been inflated, that would be the error.
        let bytes = damagingFirstEntry(
            try archive([
                ("first", Array(String(repeating: "a", count: 4000).utf8)),
                ("big", [UInt8](repeating: 0, count: 1 << 20)),
            ]))
        #expect(throws: ZipError.entryTooLarge("big", limit: 1000_000)) {
            try ZipReader.directory(of: bytes, limits: ZipLimits(maxEntryBytes: 1000_000))
        }
        #expect(throws: ZipError.tooLarge(limit: 1 << 20)) {
            try ZipReader.directory(of: bytes, limits: ZipLimits(maxTotalBytes: 1 << 20))
        }
        #expect(throws: ZipError.tooManyEntries(limit: 1)) {
            try ZipReader.directory(of: bytes, limits: ZipLimits(maxEntries: 1))
        }
    }
}
