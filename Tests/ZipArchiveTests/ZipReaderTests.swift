import Testing

@testable import ZipArchive

@Suite struct ZipReaderTests {
    func archive(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
        var writer = ZipWriter(modifiedAt: 0)
        for (name, contents) in entries { try writer.add(name: name, contents: contents) }
        return writer.finish()
    }

    @Test func roundTrips() throws {
        let big = Array(String(repeating: "abc", count: 10_000).utf8)
        let random = (0..<5000).map { _ in UInt8.random(in: 0...255) }
        let bytes = try archive([("a.json", big), ("b/random.bin", random), ("c", [])])
        let entries = try ZipReader.entries(of: bytes)
        #expect(entries == [ZipEntry(name: "a.json", contents: big), ZipEntry(name: "b/random.bin", contents: random), ZipEntry(name: "c", contents: [])])
        #expect(bytes.count < 2000 + random.count)
        #expect(try ZipReader.entries(of: try archive([])).isEmpty)
    }

    @Test func writerRefusesUnsafeAndDuplicateNames() throws {
        var writer = ZipWriter(modifiedAt: 0)
        for name in ["", "/abs", "../x", "a/../b", "a\\b", "dir/", "C:x", "a\u{1}"] {
            #expect(throws: ZipError.unsafeName(name)) { try writer.add(name: name, contents: []) }
        }
        try writer.add(name: "a", contents: [])
        #expect(throws: ZipError.duplicateEntry("a")) { try writer.add(name: "a", contents: []) }
    }

    @Test func truncatedAndGarbageInputsFailCleanly() throws {
        let bytes = try archive([("a.json", Array(String(repeating: "x", count: 3000).utf8)), ("b.json", Array("{}".utf8))])
        #expect(readError([]) == .notAZip)
        #expect(readError(Array("PK not a zip at all, just text".utf8)) == .notAZip)
        // Every truncation fails with a ZipError, never a crash.
        for length in 0..<bytes.count {
            #expect(readError(Array(bytes[0..<length])) != nil, "length \(length)")
        }
        // Every single-byte corruption either fails with a ZipError or still yields checked contents.
        for offset in 0..<bytes.count {
            var damaged = bytes
            damaged[offset] ^= 0x5A
            do {
                let entries = try ZipReader.entries(of: damaged)
                #expect(entries.count == 2, "offset \(offset)")
            } catch {}
        }
    }

    @Test func dataCorruptionFailsTheChecksum() throws {
        let contents = Array("stored contents!".utf8)
        var writer = ZipWriter(modifiedAt: 0)
        try writer.add(name: "s", contents: contents)  // incompressible enough to be stored
        var bytes = writer.finish()
        bytes[30 + 1 + 3] ^= 1  // a byte of the stored data
        #expect(readError(bytes) == .checksumMismatch("s"))
    }

    @Test func limitsDefuseZipBombs() throws {
        // 64 MiB of zeros deflate to ~64 KiB.
        let bomb = try archive([("zeros", [UInt8](repeating: 0, count: 64 << 20))])
        #expect(bomb.count < 200_000)
        #expect(readError(bomb) == .entryTooLarge("zeros", limit: 16 << 20))
        let many = try archive((0..<20).map { ("\($0)", [UInt8](repeating: 0, count: 1 << 20)) })
        #expect(readError(many, ZipLimits(maxTotalBytes: 8 << 20)) == .tooLarge(limit: 8 << 20))
        #expect(readError(many, ZipLimits(maxEntries: 10)) == .tooManyEntries(limit: 10))
    }

    @Test func aLyingSizeIsCaughtWithoutInflatingPastIt() throws {
        var bytes = try archive([("z", [UInt8](repeating: 0, count: 100_000))])
        // Patch the declared uncompressed size in the central directory down to 10 bytes.
        let central = try #require(ZipReader.findCentral(bytes))
        bytes[central + 24] = 10
        bytes[central + 25] = 0
        bytes[central + 26] = 0
        bytes[central + 27] = 0
        #expect(readError(bytes) == .sizeMismatch("z"))
    }

    @Test func refusesUnsupportedFeatures() throws {
        let bytes = try archive([("e", Array("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8))])
        let central = try #require(ZipReader.findCentral(bytes))
        var encrypted = bytes
        encrypted[central + 8] |= 1
        #expect(readError(encrypted) == .encrypted("e"))
        var bzip2 = bytes
        bzip2[central + 10] = 12
        #expect(readError(bzip2) == .unsupportedMethod("e", method: 12))
        var zip64 = bytes
        for i in 20..<24 { zip64[central + i] = 0xFF }
        #expect(readError(zip64) == .zip64Unsupported)
        var traversal = bytes
        traversal[central + 46] = UInt8(ascii: "/")
        #expect(readError(traversal) == .unsafeName("/"))
        var multiDisk = bytes
        multiDisk[bytes.count - 22 + 4] = 1
        #expect(readError(multiDisk) == .multiDiskUnsupported)
    }

    @Test func refusesTraversalNamesFromOtherTools() throws {
        for name in ["../evil.json", "a/../../b", "/etc/passwd", "a\\..\\b"] {
            var bytes = try archive([(String(repeating: "n", count: name.utf8.count), [])])
            let central = try #require(ZipReader.findCentral(bytes))
            for (i, byte) in name.utf8.enumerated() {
                bytes[30 + i] = byte
                bytes[central + 46 + i] = byte
            }
            #expect(readError(bytes) == .unsafeName(name))
        }
    }
}

/// The error reading `bytes` throws, or nil when it succeeds (never the entries: they can be huge).
func readError(_ bytes: [UInt8], _ limits: ZipLimits = ZipLimits()) -> ZipError? {
    do {
        _ = try ZipReader.entries(of: bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

extension ZipReader {
    /// The offset of the first central-directory record (tests patch it).
    static func findCentral(_ bytes: [UInt8]) -> Int? {
        (try? endRecord(bytes))?.directoryOffset
    }
}
