/// Word-at-a-time skipping of "plain" bytes (printable ASCII other than `"` and `\`), the bytes
/// both the parser and the writer copy through untouched.
enum ASCIIScan {
    /// Returns the index of the first byte at or after `start` that is not plain, or the end.
    ///
    /// - Parameters:
    ///   - bytes: The buffer.
    ///   - start: Where to begin.
    @inline(__always)
    static func skipPlain(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let end = bytes.count
        var i = start
        if let base = bytes.baseAddress {
            while i &+ 8 <= end, isPlain(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i &+= 8
            }
        }
        while i < end, isPlain(bytes[i]) { i &+= 1 }
        return i
    }

    /// Whether a byte is plain: 0x20...0x7F except `"` and `\`.
    @inline(__always)
    static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// Whether all eight bytes of `word` are plain.
    @inline(__always)
    static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        // For bytes below 0x80, (x - 0x01…) & ~x has a high bit set iff some byte of x is zero
        // (with 0x20… instead: below 0x20). Exact as a yes/no test; bytes ≥ 0x80 are caught by `word`.
        let special =
            ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
            | ((word &- ones &* 0x20) & ~word) | word
        return special & highBits == 0
    }
}
