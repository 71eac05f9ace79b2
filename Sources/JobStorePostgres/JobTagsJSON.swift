import JSONCodec
import JobDomain

/// The `tags` column: a jsonb array of `{"key": …, "value": …}` objects, as `JobRowEncoder.tagsJSON` writes it.
enum JobTagsJSON {
    /// The tags in `json`, or `nil` when it is not such an array.
    static func decode(_ json: UnsafeRawBufferPointer) -> [JobTag]? {
        var reader = JSONTokenReader(json)
        var tags: [JobTag] = []
        do {
            try reader.expect("[")
            if try !reader.consume("]") {
                repeat {
                    try reader.expect("{")
                    var key: String?
                    var value: String?
                    repeat {
                        let name = try reader.string()
                        try reader.expect(":")
                        switch name {
                        case "key" where key == nil: key = try reader.string()
                        case "value" where value == nil: value = try reader.string()
                        default: return nil
                        }
                    } while try reader.consume(",")
                    try reader.expect("}")
                    guard let key, let value else { return nil }
                    tags.append(JobTag(key: key, value: value))
                } while try reader.consume(",")
                try reader.expect("]")
            }
            try reader.expectEnd()
        } catch {
            return nil
        }
        return tags
    }
}
