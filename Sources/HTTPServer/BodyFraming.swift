/// Whether a request head says unambiguously where its body ends (RFC 9112 §6.3).
///
/// libmicrohttpd 0.9.75 looks up one value of each framing header (`MHD_lookup_connection_value_n`
/// returns the first field of that name): with `Transfer-Encoding` it ignores every `Content-Length`,
/// otherwise it reads as many bytes as the *first* `Content-Length` says and ignores the rest. A client
/// (or a proxy in front) that goes by another field then disagrees with the server on where the body
/// ends: the server waits for bytes that never come, or reads the rest of the body as the next request.
/// So a head that states the length more than once is refused before any body byte is read.
enum BodyFraming {
    /// ``HTTPServerError/ambiguousBodyLength`` when `headers` carry more than one `Content-Length` field
    /// (even with equal values, which RFC 9110 would allow: the strict choice), `Content-Length`
    /// together with `Transfer-Encoding`, or a `Transfer-Encoding` other than one field `chunked` (MHD
    /// would wait for an unframed body until the client closes; RFC 9112 §6.3 says 400 and close when
    /// chunked is not the final coding, and this server decodes no other); nil otherwise.
    static func ambiguity(in headers: HTTPHeaders) -> HTTPServerError? {
        let lengths = headers.values(for: "Content-Length").count
        let codings = headers.values(for: "Transfer-Encoding")
        if lengths > 1 || (lengths == 1 && !codings.isEmpty) { return .ambiguousBodyLength }
        if !codings.isEmpty, codings.count > 1 || !isChunked(codings[0]) { return .ambiguousBodyLength }
        return nil
    }

    /// Whether a `Transfer-Encoding` value is `chunked` alone (any case, surrounding blanks ignored).
    private static func isChunked(_ value: String) -> Bool {
        let trimmed = value.utf8.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
        return String(decoding: Array(trimmed), as: UTF8.self).lowercased() == "chunked"
    }
}
