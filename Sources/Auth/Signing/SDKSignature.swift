/// The signature computation of `SDK-HMAC-SHA256` (dli-api.md §6.2, steps 3 and 4): there is no key
/// derivation chain, the secret key's bytes are the HMAC key.
public enum SDKSignature {
    /// `"SDK-HMAC-SHA256\n" + date + "\n" + hex(sha256(canonical request))`.
    static func stringToSign(canonicalRequest: String, date: String) -> String {
        SDKAuthorization.algorithm + "\n" + date + "\n" + Digest.sha256Hex(Array(canonicalRequest.utf8))
    }

    /// The signature bytes for a canonical request (hex-encode them for the header).
    static func sign(canonicalRequest: String, date: String, secretKey: [UInt8]) -> [UInt8] {
        Digest.hmacSHA256(key: secretKey, message: Array(stringToSign(canonicalRequest: canonicalRequest, date: date).utf8))
    }
}
