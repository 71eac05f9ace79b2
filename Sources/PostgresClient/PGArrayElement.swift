/// A value that can be an element of an array parameter (`text[]`, `int8[]`, …).
///
/// Arrays of these values conform to ``PGBindable`` and are sent as array literals in which every element
/// is double-quoted and escaped, so commas, braces, quotes, backslashes, blanks and the word `NULL` inside a
/// string survive; `nil` elements become unquoted `NULL`.
/// See <https://www.postgresql.org/docs/15/arrays.html#ARRAYS-IO>.
public protocol PGArrayElement: PGBindable {}

extension String: PGArrayElement {}
extension Int: PGArrayElement {}
extension Int64: PGArrayElement {}
extension Int32: PGArrayElement {}
extension Bool: PGArrayElement {}
extension Double: PGArrayElement {}
extension Optional: PGArrayElement where Wrapped: PGArrayElement {}

extension Array: PGBindable where Element: PGArrayElement {
    /// A one-dimensional array literal such as `{"a","b\"c",NULL}`; `{}` when empty.
    public var pgText: String? {
        var literal = "{"
        for (index, element) in enumerated() {
            if index > 0 { literal.append(",") }
            guard let text = element.pgText else {
                literal.append("NULL")
                continue
            }
            literal.append("\"")
            for character in text.unicodeScalars {
                if character == "\"" || character == "\\" { literal.append("\\") }
                literal.unicodeScalars.append(character)
            }
            literal.append("\"")
        }
        literal.append("}")
        return literal
    }
}
