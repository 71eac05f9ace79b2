/// A member name escaped and quoted once (`"name":`), for writers that emit the same keys for every
/// item of a long list; see ``JSONWriter/key(_:)-(JSONKey)``.
///
/// ```swift
/// static let jobID = JSONKey("job_id")
/// writer.key(Self.jobID); writer.int(42)
/// ```
public struct JSONKey: Sendable, Hashable {
    /// The name as written: quoted, escaped, followed by `:`.
    let quoted: [UInt8]

    /// - Parameter name: The member name, escaped like any string.
    public init(_ name: String) {
        var writer = JSONWriter(capacity: name.utf8.count + 3)
        writer.appendQuoted(name)
        writer.output.append(UInt8(ascii: ":"))
        quoted = writer.bytes
    }
}
