/// Lays out optional strings as one NUL-separated byte buffer plus an array of pointers into it, the shape
/// libpq wants for `paramValues` and for `PQconnectdbParams`' keyword and value arrays.
enum CStringArray {
    /// The index of the first string that contains a NUL byte, which C cannot represent.
    static func firstIndexWithNUL(_ strings: [String?]) -> Int? {
        strings.firstIndex { $0?.utf8.contains(0) == true }
    }

    /// Calls `body` with a pointer to `strings.count` C string pointers (`nil` entries stay NULL); when
    /// `nullTerminated`, one more NULL pointer follows. The pointers are valid only inside `body`.
    /// Strings are expected to contain no NUL byte (check with ``firstIndexWithNUL(_:)``).
    static func with<R>(
        _ strings: [String?], nullTerminated: Bool = false,
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R
    ) -> R {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(strings.reduce(0) { $0 + ($1?.utf8.count ?? 0) + 1 })
        var offsets: [Int?] = []
        offsets.reserveCapacity(strings.count)
        for string in strings {
            guard let string else {
                offsets.append(nil)
                continue
            }
            offsets.append(bytes.count)
            bytes.append(contentsOf: string.utf8)
            bytes.append(0)
        }
        return bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress)
            var pointers: [UnsafePointer<CChar>?] = offsets.map { offset in
                guard let offset, let base else { return nil }
                return (base + offset).assumingMemoryBound(to: CChar.self)
            }
            if nullTerminated { pointers.append(nil) }
            return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
        }
    }
}
