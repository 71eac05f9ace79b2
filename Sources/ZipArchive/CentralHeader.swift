/// One central-directory record (APPNOTE.TXT 4.3.12), validated as it is parsed.
struct CentralHeader {
    let name: String
    let rawName: [UInt8]
    let method: UInt16
    let crc: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
    /// The offset of the record after this one.
    let next: Int

    /// - Throws: `ZipError` for a bad signature, a record past `limit`, zip64 markers, encryption,
    ///   an unsupported method or an unsafe name.
    init(_ bytes: [UInt8], at: Int, limit: Int) throws(ZipError) {
        guard at + 46 <= limit, bytes.u32(at: at) == ZipSignature.centralHeader else {
            throw .corrupt("bad central directory record")
        }
        let flags = bytes.u16(at: at + 8)
        method = bytes.u16(at: at + 10)
        crc = bytes.u32(at: at + 16)
        let compressed = bytes.u32(at: at + 20)
        let uncompressed = bytes.u32(at: at + 24)
        let nameLength = Int(bytes.u16(at: at + 28))
        let extraLength = Int(bytes.u16(at: at + 30))
        let commentLength = Int(bytes.u16(at: at + 32))
        let disk = bytes.u16(at: at + 34)
        let offset = bytes.u32(at: at + 42)
        next = at + 46 + nameLength + extraLength + commentLength
        guard next <= limit else { throw .corrupt("a central directory record is truncated") }
        rawName = Array(bytes[(at + 46)..<(at + 46 + nameLength)])
        // Names are UTF-8 (flag bit 11) or, in old archives, CP437; only its ASCII subset is accepted.
        guard flags & 0x0800 != 0 || rawName.allSatisfy({ $0 < 0x80 }),
            let decoded = String(validating: rawName, as: UTF8.self)
        else { throw .unsafeName(String(decoding: rawName, as: UTF8.self)) }
        name = decoded
        if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || offset == 0xFFFF_FFFF || disk == 0xFFFF {
            throw .zip64Unsupported
        }
        guard disk == 0 else { throw .multiDiskUnsupported }
        guard flags & 0x0041 == 0 else { throw .encrypted(name) }
        guard method == 0 || method == 8 else {
            throw method == 99 ? .encrypted(name) : .unsupportedMethod(name, method: method)
        }
        guard ZipEntryName.isSafe(name) else { throw .unsafeName(name) }
        compressedSize = Int(compressed)
        uncompressedSize = Int(uncompressed)
        localHeaderOffset = Int(offset)
    }
}
