/// A five-character PostgreSQL error code (SQLSTATE), for example `23505` for a unique violation.
///
/// Named constants for the codes callers commonly branch on are in `SQLState+Codes.swift`.
/// See <https://www.postgresql.org/docs/15/errcodes-appendix.html>.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The five-character code.
    public let rawValue: String

    /// Wraps a code as received from the server.
    /// - Parameter rawValue: the five-character SQLSTATE.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The two-character class, for example `23` (integrity constraint violation).
    public var errorClass: String { String(rawValue.prefix(2)) }

    /// Whether the error means the session is gone or unusable: class `08` (connection exception) and
    /// `57P0x` (server shutdown, crash, not accepting connections, database dropped, idle session timeout).
    public var isConnectionLevel: Bool {
        errorClass == "08" || rawValue.hasPrefix("57P0")
    }

    /// The code itself.
    public var description: String { rawValue }
}
