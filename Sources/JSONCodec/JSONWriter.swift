/// Writes compact JSON straight into a byte array, for hand-written responses on the hot path.
///
/// Calls follow the document's shape; commas are inserted automatically:
///
/// ```swift
/// var writer = JSONWriter(capacity: 256)
/// writer.beginObject()
/// writer.field("is_success", true)
/// writer.field("message", nil as String?)
/// writer.key("job_ids")
/// writer.beginArray()
/// writer.int(42)
/// writer.endArray()
/// writer.endObject()
/// // writer.bytes == #"{"is_success":true,"message":null,"job_ids":[42]}"#
/// ```
///
/// One flag is enough to place commas: a value or a closed container leaves the writer needing a
/// comma before whatever follows at that level, while opening a container or writing a key
/// clears it. Debug builds also check that keys appear only in objects and values only after a key.
public struct JSONWriter: ~Copyable, Sendable {
    /// The document written so far.
    var output: ByteBuffer

    /// The document written so far, as an array (a copy: read it once, at the end).
    public var bytes: [UInt8] { output.array }

    /// Whether the next key or value at the current level must be preceded by a comma.
    private var needsComma = false

    #if DEBUG
    /// Open containers, innermost last (`true` for an object); tracked in debug builds only.
    private var openContainers: [Bool] = []
    /// Whether a key was just written and its value is due; tracked in debug builds only.
    private var awaitingValue = false
    #endif

    /// Creates an empty writer.
    ///
    /// - Parameter capacity: Bytes to reserve up front; a good guess avoids regrowing.
    public init(capacity: Int = 256) {
        output = ByteBuffer(capacity: capacity)
    }

    /// Opens an object: `{`.
    public mutating func beginObject() {
        willWriteValue()
        output.append(UInt8(ascii: "{"))
        needsComma = false
        #if DEBUG
        openContainers.append(true)
        #endif
    }

    /// Closes the innermost object: `}`.
    public mutating func endObject() {
        #if DEBUG
        assert(openContainers.last == true && !awaitingValue, "endObject() without a matching beginObject()")
        openContainers.removeLast()
        #endif
        output.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array: `[`.
    public mutating func beginArray() {
        willWriteValue()
        output.append(UInt8(ascii: "["))
        needsComma = false
        #if DEBUG
        openContainers.append(false)
        #endif
    }

    /// Closes the innermost array: `]`.
    public mutating func endArray() {
        #if DEBUG
        assert(openContainers.last == false, "endArray() without a matching beginArray()")
        openContainers.removeLast()
        #endif
        output.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name and its `:`; the next call writes the member's value.
    ///
    /// - Parameter name: The name, escaped like any string.
    public mutating func key(_ name: StaticString) {
        willWriteKey()
        if name.hasPointerRepresentation {
            appendQuoted(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount), repairing: false)
        } else {
            appendQuoted(String(describing: name))  // a single Unicode scalar literal
        }
        output.append(UInt8(ascii: ":"))
    }

    /// Writes a member name and its `:`; the next call writes the member's value.
    ///
    /// - Parameter name: The name, escaped like any string.
    public mutating func key(_ name: String) {
        willWriteKey()
        appendQuoted(name)
        output.append(UInt8(ascii: ":"))
    }

    /// Writes a member name quoted once in advance, and its `:`; the next call writes the member's value.
    /// The cheapest way to write a key a hot path writes many times.
    ///
    /// - Parameter key: The prepared name.
    public mutating func key(_ key: JSONKey) {
        willWriteKey()
        key.quoted.withUnsafeBufferPointer { output.append($0) }
    }

    /// Writes `null`.
    public mutating func null() {
        willWriteValue()
        appendASCII("null")
    }

    /// Writes `true` or `false`.
    ///
    /// - Parameter value: The Boolean.
    public mutating func bool(_ value: Bool) {
        willWriteValue()
        appendASCII(value ? "true" : "false")
    }

    /// Prepares for a value: a comma if needed (and, in debug builds, a context check).
    @inline(__always)
    mutating func willWriteValue() {
        #if DEBUG
        assert(openContainers.last != true || awaitingValue, "JSONWriter: value inside an object without a key")
        awaitingValue = false
        #endif
        if needsComma { output.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    /// Prepares for a member name: a comma if needed (and, in debug builds, a context check).
    @inline(__always)
    private mutating func willWriteKey() {
        #if DEBUG
        assert(openContainers.last == true && !awaitingValue, "JSONWriter: key outside an object or twice in a row")
        awaitingValue = true
        #endif
        if needsComma { output.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    /// Appends the bytes of an ASCII literal as they are.
    @inline(__always)
    mutating func appendASCII(_ text: StaticString) {
        output.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
