import Auth

/// The signature a receiver checks on each alarm delivery: HMAC-SHA256 under the shared secret
/// (`STREAMJOBS_ALARM_WEBHOOK_SECRET`) of `<timestamp>.<body>`, sent as
/// `X-StreamJobs-Signature: sha256=<64 hex digits>` with `X-StreamJobs-Timestamp: <unix seconds>`.
/// Signing the timestamp with the body lets a receiver refuse replays outside its own window.
public enum AlarmSignature {
    public static let signatureHeader = "X-StreamJobs-Signature"
    public static let timestampHeader = "X-StreamJobs-Timestamp"

    /// The `X-StreamJobs-Signature` value for `body` sent at `timestamp` (unix seconds).
    public static func sign(secret: [UInt8], timestamp: Int64, body: [UInt8]) -> String {
        "sha256=" + Hex.encode(Digest.hmacSHA256(key: secret, message: Array("\(timestamp).".utf8) + body))
    }

    /// Whether `signature` is the one ``sign(secret:timestamp:body:)`` gives (compared in constant time).
    public static func verify(_ signature: String, secret: [UInt8], timestamp: Int64, body: [UInt8]) -> Bool {
        ConstantTime.equal(Array(signature.utf8), Array(sign(secret: secret, timestamp: timestamp, body: body).utf8))
    }
}
