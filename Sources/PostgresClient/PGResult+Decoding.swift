// Typed accessors that read values straight from the result's bytes, in the column's format (text, or
// binary for a statement with `resultFormat: .binary`).
extension PGResult {
    /// The value as an `Int64`, or `nil` when it is SQL `NULL` or not an integer (text: decimal digits;
    /// binary: an `int2`, `int4` or `int8`).
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount``.
    public func int64(_ row: Int, _ column: Int) -> Int64? {
        let binary = isBinary(column)
        return withBytes(row, column) { bytes in
            guard let bytes else { return nil }
            return binary ? Self.binaryInteger(bytes) : Self.parseInt64(bytes)
        }
    }

    /// The value as an `Int`, or `nil` when it is SQL `NULL` or not a decimal integer.
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount``.
    public func int(_ row: Int, _ column: Int) -> Int? {
        int64(row, column).flatMap { Int(exactly: $0) }
    }

    /// The value as a `Bool` (text `t`/`f`, binary 1/0), or `nil` when it is SQL `NULL` or not a boolean.
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount``.
    public func bool(_ row: Int, _ column: Int) -> Bool? {
        withBytes(row, column) { bytes in
            guard let bytes, bytes.count == 1 else { return nil }
            switch bytes[0] {
            case UInt8(ascii: "t"), 1: return true
            case UInt8(ascii: "f"), 0: return false
            default: return nil
            }
        }
    }

    /// The value as a `Double` (including `NaN`, `Infinity`, `-Infinity`), or `nil` when it is SQL `NULL` or
    /// not a number.
    /// - Parameters:
    ///   - row: a row index below ``rowCount``.
    ///   - column: a column index below ``columnCount``.
    public func double(_ row: Int, _ column: Int) -> Double? {
        precondition(!isBinary(column), "double(_:_:) reads text results only")
        return string(row, column).flatMap { Double($0) }
    }

    /// Parses an optional `-` and decimal digits, rejecting overflow.
    static func parseInt64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative || bytes.first == UInt8(ascii: "+") { index = 1 }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = Int64(bytes[index]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            // Accumulate towards the sign so that Int64.min parses.
            let (next, overflow2) =
                negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow && !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }
}
