/// A JSON number, kept as the literal text it was written with.
///
/// Keeping the text loses nothing: integers beyond `Int64`, and decimals that `Double` cannot
/// hold exactly, are written back byte for byte. Ask for the form you need:
/// ``int64Value`` is strict and exact, ``doubleValue`` always answers.
///
/// Two numbers are equal when their literal text is equal, so `1`, `1.0` and `1e0` differ;
/// compare ``int64Value`` or ``doubleValue`` for numeric equality.
public struct JSONNumber: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The literal text, valid RFC 8259 number syntax (for example `-12`, `0.5`, `1e+16`).
    public let text: String

    /// Wraps text already known to be valid number syntax (the parser's and the initializers' own).
    @usableFromInline
    init(uncheckedText text: String) {
        self.text = text
    }

    /// Creates a number from an integer.
    ///
    /// - Parameter value: The integer; ``int64Value`` gives it back.
    public init(_ value: Int64) {
        self.text = String(value)
    }

    /// Creates a number from an integer.
    ///
    /// - Parameter value: The integer; ``int64Value`` gives it back.
    public init(_ value: Int) {
        self.text = String(value)
    }

    /// Creates a number from a finite `Double`, in its shortest form that reads back exactly.
    ///
    /// - Parameter value: The number; `nil` is returned for NaN and the infinities, which JSON
    ///   cannot represent.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.text = value.description
    }

    /// Creates a number from literal text, checking it against the RFC 8259 number grammar.
    ///
    /// - Parameter literal: Text such as `"42"`, `"-0.5"` or `"6.02e23"`; `nil` is returned for
    ///   anything else, including `"+1"`, `"01"`, `".5"`, `"NaN"` and surrounding spaces.
    public init?(literal: String) {
        var copy = literal
        let valid = copy.withUTF8 { utf8 in
            JSONNumberSyntax.scan(utf8, from: 0) == .valid(end: utf8.count)
        }
        guard valid else { return nil }
        self.text = literal
    }

    /// Whether the literal has integer syntax: no fraction and no exponent.
    ///
    /// `5` and `-0` are integers; `5.0` and `5e0` are not, even though their value is whole.
    public var isInteger: Bool {
        for byte in text.utf8 where byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e") {
            return false
        }
        return true
    }

    /// The exact value, when the literal has integer syntax (see ``isInteger``) and fits in `Int64`.
    ///
    /// Strict on purpose: `9223372036854775807` gives `Int64.max`, while
    /// `9223372036854775808`, `5.0` and `1e2` give `nil` (use ``doubleValue`` for those).
    /// `-0` gives `0`.
    public var int64Value: Int64? {
        var utf8 = text.utf8.makeIterator()
        guard var byte = utf8.next() else { return nil }
        let negative = byte == UInt8(ascii: "-")
        if negative {
            guard let next = utf8.next() else { return nil }
            byte = next
        }
        // Accumulate as a negative number so that Int64.min fits.
        var result: Int64 = 0
        while true {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, o1) = result.multipliedReportingOverflow(by: 10)
            let (sum, o2) = shifted.subtractingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            result = sum
            guard let next = utf8.next() else { break }
            byte = next
        }
        if negative { return result }
        let (positive, overflow) = (0 as Int64).subtractingReportingOverflow(result)
        return overflow ? nil : positive
    }

    /// The nearest `Double` (correctly rounded); `±infinity` for literals beyond its range,
    /// such as `1e400`.
    public var doubleValue: Double {
        // The text is valid number syntax, which `Double.init?(_:)` always accepts.
        Double(text) ?? .nan
    }

    /// The literal text.
    public var description: String { text }
}
