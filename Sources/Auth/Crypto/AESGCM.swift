import CCrypto

/// AES-256-GCM authenticated encryption (12-byte nonce, 16-byte tag) over OpenSSL's EVP interface.
///
/// See <https://www.openssl.org/docs/man3.0/man3/EVP_EncryptInit_ex.html>, "GCM and OCB Modes".
public enum AESGCM {
    /// Nonce length in bytes.
    public static let nonceLength = 12
    /// Tag length in bytes (appended to the ciphertext).
    public static let tagLength = 16

    /// Encrypts `plaintext` under a 32-byte `key`, binding `aad`; returns ciphertext followed by the tag.
    /// - Throws: `CryptoError.failed` if OpenSSL reports an error.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], aad: [UInt8]) throws(CryptoError) -> [UInt8] {
        precondition(key.count == 32 && nonce.count == nonceLength)
        let context = try CipherContext()
        var out = [UInt8](repeating: 0, count: plaintext.count + tagLength)
        var length: Int32 = 0
        var ok = EVP_EncryptInit_ex(context.handle, EVP_aes_256_gcm(), nil, nil, nil) == 1
        ok = ok && sj_gcm_set_iv_length(context.handle, Int32(nonceLength)) == 1
        ok = ok && EVP_EncryptInit_ex(context.handle, nil, nil, key, nonce) == 1
        if !aad.isEmpty { ok = ok && EVP_EncryptUpdate(context.handle, nil, &length, aad, Int32(aad.count)) == 1 }
        var written = 0
        ok = ok && out.withUnsafeMutableBufferPointer { o in
            guard plaintext.isEmpty || EVP_EncryptUpdate(context.handle, o.baseAddress, &length, plaintext, Int32(plaintext.count)) == 1 else { return false }
            written = plaintext.isEmpty ? 0 : Int(length)
            guard EVP_EncryptFinal_ex(context.handle, o.baseAddress! + written, &length) == 1 else { return false }
            written += Int(length)
            return sj_gcm_get_tag(context.handle, o.baseAddress! + written, Int32(tagLength)) == 1
        }
        guard ok, written == plaintext.count else { throw .failed }
        return out
    }

    /// Decrypts ciphertext-plus-tag produced by `seal` with the same key, nonce and `aad`.
    /// - Throws: `CryptoError.authenticationFailed` when the tag does not match (wrong key, nonce,
    ///   aad, or tampered data), `.failed` on other OpenSSL errors.
    public static func open(_ sealed: [UInt8], key: [UInt8], nonce: [UInt8], aad: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard key.count == 32, nonce.count == nonceLength, sealed.count >= tagLength else { throw .authenticationFailed }
        let context = try CipherContext()
        let body = Array(sealed.prefix(sealed.count - tagLength))
        var tag = Array(sealed.suffix(tagLength))
        var out = [UInt8](repeating: 0, count: body.count + 16)
        var length: Int32 = 0
        var ok = EVP_DecryptInit_ex(context.handle, EVP_aes_256_gcm(), nil, nil, nil) == 1
        ok = ok && sj_gcm_set_iv_length(context.handle, Int32(nonceLength)) == 1
        ok = ok && EVP_DecryptInit_ex(context.handle, nil, nil, key, nonce) == 1
        if !aad.isEmpty { ok = ok && EVP_DecryptUpdate(context.handle, nil, &length, aad, Int32(aad.count)) == 1 }
        guard ok else { throw .failed }
        var written = 0
        let verified = out.withUnsafeMutableBufferPointer { o in
            if !body.isEmpty {
                guard EVP_DecryptUpdate(context.handle, o.baseAddress, &length, body, Int32(body.count)) == 1 else { return false }
                written = Int(length)
            }
            guard sj_gcm_set_tag(context.handle, &tag, Int32(tagLength)) == 1 else { return false }
            guard EVP_DecryptFinal_ex(context.handle, o.baseAddress! + written, &length) == 1 else { return false }
            written += Int(length)
            return true
        }
        guard verified else { throw .authenticationFailed }
        return Array(out.prefix(written))
    }
}

/// Failures of the crypto wrappers; they carry no key material.
public enum CryptoError: Error, Sendable, Equatable {
    /// OpenSSL reported an error (out of memory, say).
    case failed
    /// The GCM tag did not verify.
    case authenticationFailed
}

/// The one Swift owner of an `EVP_CIPHER_CTX`, freed (and wiped by OpenSSL) in `deinit`.
final class CipherContext {
    let handle: OpaquePointer

    init() throws(CryptoError) {
        guard let handle = EVP_CIPHER_CTX_new() else { throw .failed }
        self.handle = handle
    }

    deinit { EVP_CIPHER_CTX_free(handle) }
}

@available(*, unavailable) extension CipherContext: Sendable {}
