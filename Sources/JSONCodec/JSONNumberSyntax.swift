/// The RFC 8259 number grammar, shared by the parser and ``JSONNumber/init(literal:)``.
///
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
enum JSONNumberSyntax {
    /// The outcome of scanning a number.
    enum Result: Equatable {
        /// A number ends just before `end` (the first byte that cannot continue it).
        case valid(end: Int)
        /// The bytes from the start do not form a number (a lone `-`, a leading zero, `1.`, `1e`).
        case invalid
    }

    /// Scans the longest number starting at `start`.
    ///
    /// - Parameters:
    ///   - bytes: The input.
    ///   - start: Index of the number's first byte (`-` or a digit).
    /// - Returns: Where the number ends, or `.invalid`.
    @inline(__always)
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Result {
        let end = bytes.count
        var i = start
        if i < end, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end else { return .invalid }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < end, isDigit(bytes[i]) { return .invalid }  // leading zero
        } else if isDigit(bytes[i]) {
            i += 1
            while i < end, isDigit(bytes[i]) { i += 1 }
        } else {
            return .invalid
        }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < end, isDigit(bytes[i]) else { return .invalid }
            i += 1
            while i < end, isDigit(bytes[i]) { i += 1 }
        }
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < end, isDigit(bytes[i]) else { return .invalid }
            i += 1
            while i < end, isDigit(bytes[i]) { i += 1 }
        }
        return .valid(end: i)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
