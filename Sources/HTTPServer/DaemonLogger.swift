import CMicroHTTPD
import Logging

/// `MHD_OPTION_EXTERNAL_LOGGER`: formats libmicrohttpd's printf-style message and logs it at debug level,
/// so that clients provoking MHD errors cannot flood stderr. `cls` is the ``ServerContext``.
func mhdLog(_ cls: UnsafeMutableRawPointer?, _ format: UnsafePointer<CChar>?, _ args: CVaListPointer?) {
    guard let cls, let format, let args else { return }
    // Unmanaged: the context is retained by HTTPServer until after MHD_stop_daemon, so it outlives this call.
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    var buffer = [CChar](repeating: 0, count: 512)
    let written = sj_mhd_format_log(&buffer, buffer.count, format, args)
    guard written >= 0 else { return }
    var bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
    let message = String(decoding: bytes, as: UTF8.self)
    context.lastDaemonMessage.withLock { $0 = message }
    context.logger.debug("libmicrohttpd message", metadata: ["http.mhd.message": "\(message)"])
}
