/// A secret encrypted with AES-256-GCM under a master key: the key's id, a random 12-byte nonce (new
/// for every secret), and the ciphertext with its tag. Safe to store; useless without the master key.
public struct SealedSecret: Sendable, Equatable {
    /// The id of the master key that sealed it.
    public var keyID: String
    public var nonce: [UInt8]
    public var ciphertext: [UInt8]

    public init(keyID: String, nonce: [UInt8], ciphertext: [UInt8]) {
        self.keyID = keyID
        self.nonce = nonce
        self.ciphertext = ciphertext
    }
}

/// The master keys the service knows: the current one seals, any of them opens (so a key can be
/// rotated by adding a new current key and keeping the old one until every secret is re-sealed).
public struct Keyring: Sendable {
    /// The key new secrets are sealed with.
    public let current: MasterKey
    private let byID: [String: MasterKey]

    /// - Parameters:
    ///   - current: seals new secrets.
    ///   - previous: still open secrets sealed before a rotation.
    public init(current: MasterKey, previous: [MasterKey] = []) {
        self.current = current
        var keys: [String: MasterKey] = [:]
        for key in previous + [current] { keys[key.id] = key }
        byID = keys
    }

    /// The ids of every key it holds (never a key): the current key's first, then the previous keys' sorted.
    public var keyIDs: [String] {
        [current.id] + byID.keys.filter { $0 != current.id }.sorted()
    }

    /// Seals `secret`, binding `context` (e.g. the access key) so a ciphertext copied to another row fails to open.
    /// - Throws: `CryptoError.failed` if OpenSSL fails.
    public func seal(_ secret: [UInt8], context: String) throws(CryptoError) -> SealedSecret {
        let nonce = SecureRandom.bytes(AESGCM.nonceLength)
        let ciphertext = try AESGCM.seal(secret, key: current.bytes, nonce: nonce, aad: Array(context.utf8))
        return SealedSecret(keyID: current.id, nonce: nonce, ciphertext: ciphertext)
    }

    /// Opens a sealed secret.
    /// - Throws: `CryptoError.authenticationFailed` for an unknown key id, another context, or tampering.
    public func open(_ sealed: SealedSecret, context: String) throws(CryptoError) -> [UInt8] {
        guard let key = byID[sealed.keyID] else { throw .authenticationFailed }
        return try AESGCM.open(sealed.ciphertext, key: key.bytes, nonce: sealed.nonce, aad: Array(context.utf8))
    }
}
