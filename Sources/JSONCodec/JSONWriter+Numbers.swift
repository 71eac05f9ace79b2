extension JSONWriter {
    /// Writes an integer in decimal.
    ///
    /// - Parameter value: The integer.
    public mutating func int(_ value: Int64) {
        willWriteValue()
        // Digits are produced backwards into a stack buffer, then appended in one go.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude != 0
            if value < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            output.append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Writes an integer in decimal.
    ///
    /// - Parameter value: The integer.
    @inline(__always)
    public mutating func int(_ value: Int) {
        int(Int64(value))
    }

    /// Writes a finite double in its shortest form that reads back to the same value
    /// (`0.1`, `1.0`, `1e-07`, `1e+16`); NaN and the infinities, which JSON lacks, become `null`.
    ///
    /// - Parameter value: The number.
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        willWriteValue()
        // Swift's description is the shortest round-trip form and always valid JSON number
        // syntax; up to 15 bytes it is a small string, so no allocation.
        appendUTF8(value.description)
    }

    /// Writes a number's literal text as it is.
    ///
    /// - Parameter value: The number.
    public mutating func number(_ value: JSONNumber) {
        willWriteValue()
        appendUTF8(value.text)
    }

    /// Appends a string's UTF-8 bytes without escaping.
    @inline(__always)
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { output.append($0) }
    }
}
