import Synchronization

/// Opened AK/SK secret keys, so a signed request does not decrypt its secret every time.
///
/// Keyed by everything the opening depends on (the access key bound as context, the master key id, the
/// nonce and the ciphertext), so an entry is exactly what `Keyring.open` would return for the same
/// stored row: it cannot outlive a change of the row (a new secret is a new ciphertext) and says nothing
/// about revocation or expiry, which are read fresh on every request. At most `capacity` entries; when
/// full it starts over (credentials in use are opened again on their next request).
final class SecretKeyCache: Sendable {
    private struct Key: Hashable {
        let accessKey: String
        let keyID: String
        let nonce: [UInt8]
        let ciphertext: [UInt8]
    }

    private let entries = Mutex<[Key: [UInt8]]>([:])
    private let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The opened secret of `stored`, or nil when `keyring` cannot open it.
    func secret(of stored: StoredAccessKey, keyring: Keyring) -> [UInt8]? {
        let sealed = stored.sealedSecret
        let key = Key(accessKey: stored.accessKey, keyID: sealed.keyID, nonce: sealed.nonce, ciphertext: sealed.ciphertext)
        if let secret = entries.withLock({ $0[key] }) { return secret }
        guard let secret = try? keyring.open(sealed, context: stored.accessKey) else { return nil }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = secret
        }
        return secret
    }
}
