import CMicroHTTPD
import Glibc

// The libmicrohttpd callbacks that bracket a request: creation of its state from the raw target,
// the no-op unescaper, and release of the state when MHD is done with the request.

/// `MHD_OPTION_URI_LOG_CALLBACK`: receives the full request target (query included) before MHD parses
/// it; the returned pointer becomes the request's initial `*con_cls`.
func mhdURILog(
    _ cls: UnsafeMutableRawPointer?, _ uri: UnsafePointer<CChar>?, _ connection: OpaquePointer?
) -> UnsafeMutableRawPointer? {
    var raw: [UInt8] = []
    if let uri {
        let count = strlen(uri)
        raw = uri.withMemoryRebound(to: UInt8.self, capacity: count) {
            Array(UnsafeBufferPointer(start: $0, count: count))
        }
    }
    // Unmanaged: +1 handed to MHD as *con_cls, balanced by the release in mhdRequestCompleted.
    return Unmanaged.passRetained(RequestState(rawTarget: raw)).toOpaque()
}

/// `MHD_OPTION_NOTIFY_COMPLETED`: called once per request that reached the URI log callback, also when
/// the client aborted or timed out; frees the request state.
func mhdRequestCompleted(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ code: MHD_RequestTerminationCode
) {
    if let cls, let connection {
        // Unmanaged: the context is retained by HTTPServer until after MHD_stop_daemon.
        Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue().requestFinished(on: connection)
    }
    guard let conCls, let raw = conCls.pointee else { return }
    // Unmanaged: balances the passRetained of mhdURILog (or of the access handler's fallback).
    Unmanaged<RequestState>.fromOpaque(raw).release()
    conCls.pointee = nil
}

/// `MHD_OPTION_UNESCAPE_CALLBACK`: leaves the text untouched, so MHD never decodes `%2F` or `%00` in place.
func mhdKeepEscaped(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ text: UnsafeMutablePointer<CChar>?
) -> Int {
    text.map { strlen($0) } ?? 0
}
