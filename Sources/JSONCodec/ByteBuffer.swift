/// A growable run of bytes that only its one owner writes: the output of a ``JSONWriter``.
///
/// Appending to a `[UInt8]` costs a uniqueness check, a capacity check and a generic copy per call,
/// which dominated writing list pages (thousands of short keys and values). This buffer owns its
/// memory outright (`~Copyable`), so an append is a capacity check and a `memcpy`.
struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    /// - Parameter capacity: bytes to allocate up front (at least 16).
    init(capacity: Int) {
        self.capacity = Swift.max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toFit: 1) }
        base[count] = byte
        count += 1
    }

    /// Appends `bytes`.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        let n = bytes.count
        if capacity - count < n { grow(toFit: n) }
        (base + count).update(from: source, count: n)
        count += n
    }

    /// The bytes written so far, as an array (a copy).
    var array: [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// Doubles the capacity, or more when `extra` bytes need more.
    @inline(never)
    private mutating func grow(toFit extra: Int) {
        let newCapacity = Swift.max(capacity * 2, count + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

// Safe: the buffer is ~Copyable, so its memory has exactly one owner; moving it to another thread
// moves that ownership.
extension ByteBuffer: @unchecked Sendable {}
