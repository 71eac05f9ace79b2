/// A value that can be sent as a bind parameter in PostgreSQL's text format.
///
/// Values only ever reach SQL as `$n` parameters, never by string interpolation.
public protocol PGBindable {
    /// The parameter in PostgreSQL's text input format, or `nil` for SQL `NULL`.
    var pgText: String? { get }
}

extension String: PGBindable {
    /// The string itself.
    public var pgText: String? { self }
}

extension Int: PGBindable {
    /// The decimal form, for `int8` (or any integer) parameters.
    public var pgText: String? { String(self) }
}

extension Int64: PGBindable {
    /// The decimal form, for `int8` parameters.
    public var pgText: String? { String(self) }
}

extension Int32: PGBindable {
    /// The decimal form, for `int4` parameters.
    public var pgText: String? { String(self) }
}

extension Bool: PGBindable {
    /// `"t"` or `"f"`, PostgreSQL's text form of `boolean`.
    public var pgText: String? { self ? "t" : "f" }
}

extension Double: PGBindable {
    /// The shortest text that reads back as the same `float8`; `NaN`, `Infinity` and `-Infinity` spelled as
    /// PostgreSQL spells them.
    public var pgText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return description
    }
}

extension Optional: PGBindable where Wrapped: PGBindable {
    /// The wrapped value's text, or `nil` (SQL `NULL`) for `.none`.
    public var pgText: String? { flatMap { $0.pgText } }
}
