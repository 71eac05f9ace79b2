import CLibPQ

// Accessors for values only binary results carry cheaply: timestamps as numbers, text arrays, jsonb.
// Layouts: PostgreSQL's `*_send` functions (src/backend/utils/adt), all integers big-endian.
extension PGResult {
    /// Milliseconds since 1970-01-01 UTC of a `timestamptz` (or `timestamp`, read as UTC) sent in binary,
    /// rounded down; `nil` for SQL `NULL`, `-infinity`/`infinity`, or a column that is not binary.
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount``.
    public func epochMilliseconds(_ row: Int, _ column: Int) -> Int64? {
        guard isBinary(column) else { return nil }
        return withBytes(row, column) { bytes in
            // Microseconds since 2000-01-01 00:00:00 UTC; the infinities are Int64.min / Int64.max.
            guard let bytes, bytes.count == 8, let micros = Self.binaryInteger(bytes),
                micros != .min, micros != .max
            else { return nil }
            let millis = micros >= 0 ? micros / 1000 : -((-micros + 999) / 1000)
            return millis + Self.postgresEpochInUnixMilliseconds
        }
    }

    /// The elements of a one-dimensional `text[]` (or `varchar[]`) sent in binary; `nil` for SQL `NULL`,
    /// an array with a `NULL` element or more than one dimension, or a column that is not binary.
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount``.
    public func stringArray(_ row: Int, _ column: Int) -> [String]? {
        guard isBinary(column) else { return nil }
        return withBytes(row, column) { bytes in
            guard let bytes else { return nil }
            var reader = BinaryReader(bytes)
            // Header: dimensions, has-nulls flag, element type; then size and lower bound per dimension.
            guard let dimensions = reader.int32(), reader.int32() != nil, reader.int32() != nil else { return nil }
            if dimensions == 0 { return [] }
            guard dimensions == 1, let count = reader.int32(), count >= 0, reader.int32() != nil else { return nil }
            var items: [String] = []
            items.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let length = reader.int32(), length >= 0, let element = reader.take(Int(length)) else { return nil }
                items.append(String(decoding: element, as: UTF8.self))
            }
            return reader.isAtEnd ? items : nil
        }
    }

    /// Gives `body` the JSON text of a `json` or `jsonb` value without copying it, or `nil` for SQL `NULL`.
    /// In binary results a `jsonb` value starts with a format version byte (1), which is skipped.
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount``.
    ///   - body: reads the bytes; they are valid only inside `body`.
    @inlinable
    public func withJSONBytes<R>(_ row: Int, _ column: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        let skipVersion = isBinary(column) && PQftype(handle, Int32(column)) == Self.jsonbTypeOID
        return try withBytes(row, column) { bytes in
            guard let bytes, skipVersion else { return try body(bytes) }
            guard bytes.first == 1 else { return try body(nil) }
            return try body(UnsafeRawBufferPointer(rebasing: bytes[1...]))
        }
    }

    /// A binary `int2`, `int4` or `int8`.
    static func binaryInteger(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var reader = BinaryReader(bytes)
        switch bytes.count {
        case 2: return reader.int16().map(Int64.init)
        case 4: return reader.int32().map(Int64.init)
        case 8: return reader.int64()
        default: return nil
        }
    }

    /// 2000-01-01 00:00:00 UTC, PostgreSQL's timestamp origin, in Unix milliseconds.
    static let postgresEpochInUnixMilliseconds: Int64 = 946_684_800_000
    /// `pg_type.oid` of `jsonb` (fixed in every PostgreSQL since 9.4).
    @usableFromInline static let jsonbTypeOID: Oid = 3802
}

/// Reads big-endian integers and byte runs from a binary value, refusing to read past its end.
struct BinaryReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func int16() -> Int16? { integer(Int16.self) }
    mutating func int32() -> Int32? { integer(Int32.self) }
    mutating func int64() -> Int64? { integer(Int64.self) }

    /// The next `count` bytes.
    mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    private mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard let raw = take(MemoryLayout<T>.size) else { return nil }
        // The value sits at any alignment inside libpq's buffer: load it unaligned.
        return T(bigEndian: raw.loadUnaligned(as: T.self))
    }
}
