/// Bytes bound as a `bytea` parameter, in PostgreSQL's hex text form (`\x` followed by two lowercase
/// hex digits per byte), so any byte, NUL included, reaches the column unchanged.
/// See <https://www.postgresql.org/docs/15/datatype-binary.html#id-1.5.7.12.9>.
public struct PGBytea: PGBindable, Sendable {
    /// The bytes to bind.
    public let bytes: [UInt8]

    /// - Parameter bytes: the bytes to bind.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    private static let digits = Array("0123456789abcdef".utf8)

    /// `\x` and the hex digits.
    public var pgText: String? {
        var out: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        out.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            out.append(Self.digits[Int(byte >> 4)])
            out.append(Self.digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension PGResult {
    /// A `bytea` value of a binary-format result (``PGResultFormat/binary``: the bytes as stored), or
    /// `nil` for SQL `NULL`.
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount``; the statement must ask for binary results.
    public func bytea(_ row: Int, _ column: Int) -> [UInt8]? {
        precondition(isBinary(column), "bytea(_:_:) reads binary results only")
        return withBytes(row, column) { bytes in bytes.map { Array($0) } }
    }
}
