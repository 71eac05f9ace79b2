import JSONCodec

/// Builders for DLI's success envelopes. On job APIs `is_success` is the JSON *string* "true"
/// (dli-api.md §6.3: Go clients unmarshal it with `,string`); template APIs use a boolean.
enum SuccessBody {
    /// `{"is_success":"true","message":…}` followed by whatever `fields` writes, then `}`.
    static func jobEnvelope(message: String, capacity: Int = 96, _ fields: (inout JSONWriter) -> Void = { _ in })
        -> [UInt8]
    {
        var w = JSONWriter(capacity: capacity)
        w.beginObject()
        w.key("is_success")
        w.string("true")
        w.key("message")
        w.string(message)
        fields(&w)
        w.endObject()
        return w.bytes
    }
}
