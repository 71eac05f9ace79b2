/// A 32-byte AES-256 key that encrypts secret keys at rest, with a short public id (the first 8 hex
/// digits of the SHA-256 of the key) stored next to every ciphertext, so rotation knows which key sealed it.
public struct MasterKey: Sendable, CustomStringConvertible {
    /// The key id: not secret; it names the key without revealing it.
    public let id: String
    let bytes: [UInt8]

    /// Parses 32 bytes given as 64 hex digits or as base64 (44 characters with padding).
    /// - Returns: `nil` when the text is neither or does not hold exactly 32 bytes.
    public init?(text: String) {
        let trimmed = String(text.filter { !$0.isWhitespace })
        let bytes: [UInt8]? = trimmed.utf8.count == 64 ? Hex.decode(trimmed) : Base64.decode(trimmed)
        guard let bytes, bytes.count == 32 else { return nil }
        self.init(bytes: bytes)
    }

    /// Wraps raw key bytes (exactly 32).
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a master key has 32 bytes")
        self.bytes = bytes
        self.id = String(Digest.sha256Hex(bytes).prefix(8))
    }

    /// A fresh random key.
    public static func generate() -> MasterKey { MasterKey(bytes: SecureRandom.bytes(32)) }

    /// The key in base64, for writing a new key file; secret.
    public var base64: String { Base64.encode(bytes) }

    /// The id only: the key never appears in logs or descriptions.
    public var description: String { "master-key(\(id))" }
}
