import CZlib

/// The one owner of a zlib `z_stream` in raw-deflate mode (no zlib header, as zip entries are stored).
///
/// zlib keeps a pointer back to the stream, so it lives in its own allocation, never moved; `deinit`
/// ends the stream and frees it. See https://zlib.net/manual.html.
final class ZStream {
    enum Mode { case deflate, inflate }

    private let stream: UnsafeMutablePointer<z_stream>
    private let mode: Mode

    /// - Throws: `ZipError.compression` when zlib cannot set up the stream (out of memory).
    init(_ mode: Mode) throws(ZipError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.mode = mode
        let status = mode == .deflate ? sj_deflate_init_raw(stream, Z_DEFAULT_COMPRESSION) : sj_inflate_init_raw(stream)
        guard status == Z_OK else {
            stream.deallocate()
            throw .compression("zlib initialisation failed (\(status))")
        }
    }

    deinit {
        switch mode {
        case .deflate: deflateEnd(stream)
        case .inflate: inflateEnd(stream)
        }
        stream.deallocate()
    }

    /// Compresses all of `input` (Z_FINISH).
    func deflateAll(_ input: [UInt8]) throws(ZipError) -> [UInt8] {
        precondition(mode == .deflate)
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(input.count))) + 64)
        let status = input.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
                stream.pointee.avail_in = uInt(inputBuffer.count)
                stream.pointee.next_out = outputBuffer.baseAddress
                stream.pointee.avail_out = uInt(outputBuffer.count)
                return deflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .compression("deflate failed (\(status))") }
        output.removeLast(Int(stream.pointee.avail_out))
        return output
    }

    /// Decompresses `input`, which must hold exactly one complete deflate stream producing exactly
    /// `expectedCount` bytes. Never writes more than `expectedCount` bytes, whatever the input claims.
    func inflateAll(_ input: ArraySlice<UInt8>, expectedCount: Int, entry: String) throws(ZipError) -> [UInt8] {
        precondition(mode == .inflate)
        // One spare byte detects a stream that would produce more than it declared.
        var output = [UInt8](repeating: 0, count: expectedCount + 1)
        let status = input.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
                stream.pointee.avail_in = uInt(inputBuffer.count)
                stream.pointee.next_out = outputBuffer.baseAddress
                stream.pointee.avail_out = uInt(outputBuffer.count)
                return inflate(stream, Z_FINISH)
            }
        }
        let produced = expectedCount + 1 - Int(stream.pointee.avail_out)
        if status == Z_STREAM_END {
            guard produced == expectedCount else { throw .sizeMismatch(entry) }
            output.removeLast()
            return output
        }
        if stream.pointee.avail_out == 0 { throw .sizeMismatch(entry) }
        if status == Z_BUF_ERROR { throw .corruptEntry(entry, "the compressed data ends early") }
        throw .corruptEntry(entry, "the compressed data is invalid")
    }
}
