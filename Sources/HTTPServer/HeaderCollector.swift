import CMicroHTTPD

/// Reads every request header of a connection once, in arrival order (`MHD_get_connection_values_n`
/// over `MHD_HEADER_KIND`, which gives exact lengths).
enum HeaderCollector {
    static func headers(of connection: OpaquePointer) -> HTTPHeaders {
        var headers = HTTPHeaders()
        withUnsafeMutablePointer(to: &headers) { pointer in
            _ = MHD_get_connection_values_n(connection, .HEADER_KIND, collectHeader, pointer)
        }
        return headers
    }
}

/// `MHD_KeyValueIteratorN`: appends one field to the `HTTPHeaders` that `cls` points to.
private func collectHeader(
    _ cls: UnsafeMutableRawPointer?, _ kind: MHD_ValueKind, _ key: UnsafePointer<CChar>?, _ keySize: Int,
    _ value: UnsafePointer<CChar>?, _ valueSize: Int
) -> MHD_Result {
    guard let cls, let key else { return .YES }
    let headers = cls.assumingMemoryBound(to: HTTPHeaders.self)
    headers.pointee.add(name: text(key, keySize), value: value.map { text($0, valueSize) } ?? "")
    return .YES
}

private func text(_ pointer: UnsafePointer<CChar>, _ count: Int) -> String {
    UnsafeRawBufferPointer(start: pointer, count: count).withMemoryRebound(to: UInt8.self) {
        String(decoding: $0, as: UTF8.self)
    }
}
