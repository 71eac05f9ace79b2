/// A JSON document or a part of one, as defined by RFC 8259.
///
/// Values come from ``JSONParser`` or are built in code
/// (literals work too: `let v: JSONValue = ["name": "job", "retries": 3]`), and are written
/// back with ``serialized()`` or ``JSONWriter/value(_:)``.
///
/// Equality is structural: numbers compare by their literal text (see ``JSONNumber``), objects
/// compare by their members regardless of order (see ``JSONObject``), arrays compare in order.
public enum JSONValue: Equatable, Sendable {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool(Bool)
    /// A number, kept as its literal text.
    case number(JSONNumber)
    /// A string, already unescaped.
    case string(String)
    /// An ordered list of values.
    case array([JSONValue])
    /// An object whose members keep their document order.
    case object(JSONObject)
}
