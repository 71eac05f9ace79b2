import HTTPServer

/// The `Idempotency-Key` request header (a StreamJobs extension, README "Retrying safely"): 1–255
/// printable ASCII characters (0x20–0x7E), sent at most once.
struct IdempotencyKey: Sendable, Equatable {
    /// The header's name, as errors name it.
    static let header = "Idempotency-Key"
    static let maxLength = 255

    let value: String

    /// The key `headers` carry, nil when they carry none.
    /// - Throws: 400 `DLI.0001` naming the header when it is repeated, empty, longer than 255 characters
    ///   or has a character outside printable ASCII.
    static func from(_ headers: HTTPHeaders) throws(APIError) -> IdempotencyKey? {
        let values = headers.values(for: header)
        guard let value = values.first else { return nil }
        guard values.count == 1 else { throw .invalidParameter(header, "the header must be sent once") }
        let bytes = value.utf8
        guard (1...maxLength).contains(bytes.count) else {
            throw .invalidParameter(header, "must be 1 to \(maxLength) characters")
        }
        guard bytes.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            throw .invalidParameter(header, "must be printable ASCII characters")
        }
        return IdempotencyKey(value: value)
    }
}
