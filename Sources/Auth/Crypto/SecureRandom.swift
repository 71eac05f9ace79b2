import CCrypto

/// Random bytes and strings from OpenSSL's CSPRNG (`RAND_bytes`), for keys, nonces, AK/SK and tokens.
///
/// See <https://www.openssl.org/docs/man3.0/man3/RAND_bytes.html>.
public enum SecureRandom {
    /// `count` random bytes. Traps if the generator fails (it only does when the OS has no entropy
    /// source, and continuing with weak secrets would be worse).
    public static func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let ok = out.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        precondition(ok == 1, "RAND_bytes failed")
        return out
    }

    /// A string of `length` characters drawn uniformly from `alphabet` (rejection sampling, no modulo bias).
    public static func string(length: Int, alphabet: [Character]) -> String {
        precondition(!alphabet.isEmpty && alphabet.count <= 256)
        let limit = 256 - 256 % alphabet.count
        var out = ""
        while out.count < length {
            for byte in bytes(length * 2) where Int(byte) < limit && out.count < length {
                out.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return out
    }

    /// Upper-case letters and digits (access keys).
    public static let upperAlphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    /// Letters and digits (secret keys).
    public static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
}
