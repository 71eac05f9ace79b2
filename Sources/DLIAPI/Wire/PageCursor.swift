import Auth

/// The key that signs page cursors. Instances sharing it accept each other's cursors: the service derives
/// it from the master key (`MasterKey.derivedKey(purpose:)`); without one, a random key per process.
public struct PageCursorKey: Sendable {
    let bytes: [UInt8]

    /// A key of at least 32 secret bytes.
    public init(secret: [UInt8]) {
        precondition(secret.count >= 32, "a page cursor key has at least 32 bytes")
        bytes = secret
    }

    /// A fresh random key: cursors hold only on this process.
    public static func random() -> PageCursorKey { PageCursorKey(secret: SecureRandom.bytes(32)) }
}

/// Opaque page cursors (the `cursor` query parameter, `next_cursor` in bodies) of every keyset-paged read:
/// the position where the next page starts (a few integers) and an HMAC-SHA256 tag over it and the
/// query it belongs to (its scope: the route, project, job and filters), in hex. A cursor that was
/// changed, or that comes from another query, is a 400 `DLI.0001`; it reveals nothing a client could
/// not read anyway, and carries no project data beyond positions.
struct PageCursor: Sendable {
    let key: PageCursorKey

    private static let format: UInt8 = 1
    private static let tagLength = 16

    /// The cursor of `position` within the query named by `scope`.
    func encode(_ position: [Int64], scope: [String]) -> String {
        var payload: [UInt8] = [Self.format]
        for value in position { withUnsafeBytes(of: value.bigEndian) { payload += $0 } }
        return Hex.encode(payload + tag(payload, scope))
    }

    /// The position `text` carries, if it is a cursor this service issued for the query `scope` names.
    /// - Throws: 400 `DLI.0001` naming `cursor` for anything else.
    func decode(_ text: String, count: Int, scope: [String]) throws(APIError) -> [Int64] {
        let invalid = APIError.invalidParameter("cursor", "is not a cursor this query returned; start again without it")
        let length = 1 + 8 * count + Self.tagLength
        guard text.utf8.count == 2 * length, let bytes = Hex.decode(text), bytes.count == length else { throw invalid }
        let payload = Array(bytes.prefix(1 + 8 * count))
        guard payload[0] == Self.format, ConstantTime.equal(Array(bytes.suffix(Self.tagLength)), tag(payload, scope)) else {
            throw invalid
        }
        return (0..<count).map { i in
            payload[(1 + 8 * i)..<(9 + 8 * i)].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
    }

    /// The first bytes of HMAC-SHA256(key, payload ‖ scope). Scope parts are joined with a unit separator,
    /// which no query parameter may contain (they refuse control characters).
    private func tag(_ payload: [UInt8], _ scope: [String]) -> [UInt8] {
        let message = payload + Array(scope.joined(separator: "\u{1F}").utf8)
        return Array(Digest.hmacSHA256(key: key.bytes, message: message).prefix(Self.tagLength))
    }
}
