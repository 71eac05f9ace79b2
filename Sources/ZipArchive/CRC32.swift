import CZlib

/// CRC-32 (ISO-HDLC, as zip uses it), computed by zlib's `crc32`.
enum CRC32 {
    static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        let value: uLong? = bytes.withContiguousStorageIfAvailable { buffer in
            var crc = crc32(0, nil, 0)
            var offset = 0
            while offset < buffer.count {
                let n = min(buffer.count - offset, Int(Int32.max))
                crc = crc32(crc, buffer.baseAddress! + offset, uInt(n))
                offset += n
            }
            return crc
        }
        if let value { return UInt32(truncatingIfNeeded: value) }
        return checksum(Array(bytes))
    }
}
