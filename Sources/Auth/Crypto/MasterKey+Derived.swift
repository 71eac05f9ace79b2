extension MasterKey {
    /// A 32-byte key for one purpose, derived from this key (HMAC-SHA256 of `purpose` under it), so a
    /// service signing something else (page cursors, say) never uses the master key itself.
    public func derivedKey(purpose: String) -> [UInt8] {
        Digest.hmacSHA256(key: bytes, message: Array(purpose.utf8))
    }
}
