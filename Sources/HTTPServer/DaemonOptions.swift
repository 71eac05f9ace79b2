import CMicroHTTPD

/// The flags and `MHD_OptionItem` array used to start the daemon
/// (https://www.gnu.org/software/libmicrohttpd/manual/html_node/microhttpd_002dconst.html).
enum DaemonOptions {
    /// Epoll thread pool with inter-thread communication (needed by `MHD_quiesce_daemon` and by resuming
    /// parked connections from other threads), suspend/resume (``HTTPAnswer/later(_:)``), error log on
    /// (routed to the external logger), IPv6 when the host is an IPv6 literal.
    static func flags(ipv6: Bool) -> UInt32 {
        var flags =
            MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue | MHD_USE_TURBO.rawValue
            | MHD_USE_ITC.rawValue | MHD_USE_ERROR_LOG.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
        if ipv6 { flags |= MHD_USE_IPv6.rawValue }
        return flags
    }

    /// The options, terminated by `MHD_OPTION_END`. `context` is the ``ServerContext`` handed to every
    /// callback; `socketAddress` must stay valid until `MHD_start_daemon` returns.
    static func items(
        configuration: HTTPServerConfiguration, context: UnsafeMutableRawPointer,
        socketAddress: UnsafeMutableRawPointer
    ) -> [MHD_OptionItem] {
        let logger: MHD_LogCallback = mhdLog
        let completed: MHD_RequestCompletedCallback = mhdRequestCompleted
        let uriLog: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, OpaquePointer?) ->
            UnsafeMutableRawPointer? = mhdURILog
        let unescape: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafeMutablePointer<CChar>?) ->
            Int = mhdKeepEscaped
        // Two-pointer options carry the function in `value` (as intptr_t) and its closure in `ptr_value`.
        var items = [
            MHD_OptionItem(option: .EXTERNAL_LOGGER, value: unsafeBitCast(logger, to: Int.self), ptr_value: context),
            MHD_OptionItem(
                option: .NOTIFY_COMPLETED, value: unsafeBitCast(completed, to: Int.self), ptr_value: context),
            MHD_OptionItem(option: .URI_LOG_CALLBACK, value: unsafeBitCast(uriLog, to: Int.self), ptr_value: context),
            MHD_OptionItem(
                option: .UNESCAPE_CALLBACK, value: unsafeBitCast(unescape, to: Int.self), ptr_value: context),
            MHD_OptionItem(option: .CONNECTION_TIMEOUT, value: configuration.connectionTimeoutSeconds, ptr_value: nil),
            MHD_OptionItem(option: .CONNECTION_LIMIT, value: configuration.connectionLimit, ptr_value: nil),
            MHD_OptionItem(option: .CONNECTION_MEMORY_LIMIT, value: configuration.memoryLimitBytes, ptr_value: nil),
            MHD_OptionItem(option: .SOCK_ADDR, value: 0, ptr_value: socketAddress),
        ]
        items += limitItems(configuration: configuration, context: context)
        if configuration.threadPoolSize > 1 {  // 1 would make MHD warn that the pool is not used
            items.append(
                MHD_OptionItem(option: .THREAD_POOL_SIZE, value: configuration.threadPoolSize, ptr_value: nil))
        }
        items.append(MHD_OptionItem(option: .END, value: 0, ptr_value: nil))
        return items
    }
}
