import CCrypto

/// Comparison whose time does not depend on where the inputs first differ (`CRYPTO_memcmp`), so an
/// attacker cannot learn a signature byte by byte from response times.
///
/// See <https://www.openssl.org/docs/man3.0/man3/CRYPTO_memcmp.html>.
public enum ConstantTime {
    /// Whether `a` and `b` are equal; the lengths (public: 64 hex digits for a signature) may differ.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 } }
    }
}
