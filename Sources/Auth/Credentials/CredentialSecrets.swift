/// New credentials' public and secret parts, from the CSPRNG.
public enum CredentialSecrets {
    /// A credential id: `cred-` and 20 hex digits (80 random bits). Not secret.
    public static func newCredentialID() -> String { "cred-" + Hex.encode(SecureRandom.bytes(10)) }

    /// An access key: 20 upper-case letters and digits, like Huawei Cloud's. Not secret.
    public static func newAccessKey() -> String { SecureRandom.string(length: 20, alphabet: SecureRandom.upperAlphanumerics) }

    /// A secret key: 40 letters and digits (about 238 bits).
    public static func newSecretKey() -> String { SecureRandom.string(length: 40, alphabet: SecureRandom.alphanumerics) }

    /// An opaque bearer token: `sjt_` and 64 hex digits (256 random bits), so a plain SHA-256 of it
    /// is a safe thing to store (no dictionary to try).
    public static func newToken() -> String { "sjt_" + Hex.encode(SecureRandom.bytes(32)) }

    /// What is stored for a token: its SHA-256.
    public static func tokenHash(_ token: String) -> [UInt8] { Digest.sha256(Array(token.utf8)) }
}
