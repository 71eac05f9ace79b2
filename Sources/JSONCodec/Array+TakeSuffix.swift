extension Array {
    /// Moves the elements from `start` to the end into a new array and removes them from this one,
    /// without the retain and release a copy followed by a removal would cost.
    ///
    /// - Parameters:
    ///   - start: The first index to take.
    ///   - filler: A value that needs no cleanup (such as `.null`), put in the vacated slots just
    ///     before they are removed.
    /// - Returns: The taken elements, in order.
    @inline(__always)
    mutating func takeSuffix(from start: Int, leaving filler: Element) -> [Element] {
        let count = self.count - start
        guard count > 0 else { return [] }
        let taken = withUnsafeMutableBufferPointer { source in
            [Element](unsafeUninitializedCapacity: count) { target, initialized in
                let from = source.baseAddress! + start
                target.baseAddress!.moveInitialize(from: from, count: count)
                from.initialize(repeating: filler, count: count)
                initialized = count
            }
        }
        removeLast(count)
        return taken
    }
}
