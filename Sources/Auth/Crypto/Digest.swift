import CCrypto

/// SHA-256 and HMAC-SHA256 through OpenSSL's one-shot calls.
///
/// See <https://www.openssl.org/docs/man3.0/man3/SHA256.html> and
/// <https://www.openssl.org/docs/man3.0/man3/HMAC.html>.
public enum Digest {
    /// The SHA-256 digest of `bytes` (32 bytes).
    public static func sha256<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let input = Array(bytes)
        input.withUnsafeBufferPointer { data in
            out.withUnsafeMutableBufferPointer { digest in
                _ = SHA256(data.baseAddress, data.count, digest.baseAddress)
            }
        }
        return out
    }

    /// The SHA-256 digest of `bytes` as 64 lowercase hex digits.
    public static func sha256Hex<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String { Hex.encode(sha256(bytes)) }

    /// HMAC-SHA256 of `message` under `key` (32 bytes).
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 32
        key.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in
                out.withUnsafeMutableBufferPointer { o in
                    // A non-NULL key pointer even for an empty key: HMAC treats NULL as "reuse the last key".
                    let keyPointer = k.baseAddress.map(UnsafeRawPointer.init) ?? UnsafeRawPointer(o.baseAddress!)
                    _ = HMAC(EVP_sha256(), keyPointer, Int32(k.count), m.baseAddress, m.count, o.baseAddress, &length)
                }
            }
        }
        return out
    }
}
