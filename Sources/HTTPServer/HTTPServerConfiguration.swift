/// Settings of an ``HTTPServer``: where it listens and the limits it enforces.
///
/// The limits map onto libmicrohttpd daemon options
/// (https://www.gnu.org/software/libmicrohttpd/manual/html_node/microhttpd_002dconst.html).
public struct HTTPServerConfiguration: Sendable, Equatable {
    /// IP literal to bind: IPv4 such as `"127.0.0.1"` or `"0.0.0.0"`, or IPv6 such as `"::1"`. Host names are refused.
    public var host: String
    /// TCP port to listen on; `0` asks the kernel for an ephemeral port (see ``HTTPServer/boundPort``).
    public var port: UInt16
    /// Number of libmicrohttpd worker threads (epoll thread pool). `1` runs a single internal thread, no pool.
    public var threadPoolSize: Int
    /// Largest request body accepted; a larger body is answered with the responder's
    /// ``HTTPServerError/bodyTooLarge(limit:)`` response (normally 413).
    public var maxBodyBytes: Int
    /// Seconds a connection may stay idle before libmicrohttpd closes it (`MHD_OPTION_CONNECTION_TIMEOUT`).
    public var connectionTimeoutSeconds: Int
    /// Maximum number of simultaneously open connections (`MHD_OPTION_CONNECTION_LIMIT`).
    public var connectionLimit: Int
    /// Per-connection memory of libmicrohttpd (`MHD_OPTION_CONNECTION_MEMORY_LIMIT`). It bounds the request
    /// line plus headers: a longer URL gets 414 and longer headers 431, both answered by libmicrohttpd itself.
    public var memoryLimitBytes: Int
    /// Longest request target (path and query) answered normally; longer gets the responder's
    /// ``HTTPServerError/urlTooLong(limit:)`` (414). Must fit in ``memoryLimitBytes`` to take effect.
    public var maxURLBytes = 16 * 1024
    /// Most request header fields; more gets ``HTTPServerError/tooManyHeaders(limit:)`` (431).
    public var maxHeaderCount = 100
    /// Most bytes of all header names and values together; more gets ``HTTPServerError/headersTooLarge(limit:)`` (431).
    public var maxHeaderBytes = 12 * 1024
    /// Connections one client address may hold open (`MHD_OPTION_PER_IP_CONNECTION_LIMIT`); 0 = no limit.
    public var perClientConnectionLimit = 0
    /// Seconds a client has to send a whole request (from accept, or from the end of the previous request on
    /// the connection); the connection is then cut. 0 = off. See ``RequestDeadlines``.
    public var requestTimeoutSeconds = 0
    /// Serve HTTPS with libmicrohttpd's GnuTLS backend when set.
    public var tls: TLSCredentials? = nil

    /// Creates a configuration; every parameter has a production default.
    ///
    /// - Parameters:
    ///   - host: IP literal to bind, default `"127.0.0.1"`.
    ///   - port: TCP port, default `8080`; `0` for an ephemeral port.
    ///   - threadPoolSize: worker threads, default `8`.
    ///   - maxBodyBytes: body limit, default 1 MiB + 64 KiB.
    ///   - connectionTimeoutSeconds: idle timeout, default `30`.
    ///   - connectionLimit: total connections, default `1024`.
    ///   - memoryLimitBytes: per-connection memory, default 32 KiB.
    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 8080,
        threadPoolSize: Int = 8,
        maxBodyBytes: Int = 1024 * 1024 + 64 * 1024,
        connectionTimeoutSeconds: Int = 30,
        connectionLimit: Int = 1024,
        memoryLimitBytes: Int = 32 * 1024
    ) {
        self.host = host
        self.port = port
        self.threadPoolSize = threadPoolSize
        self.maxBodyBytes = maxBodyBytes
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.connectionLimit = connectionLimit
        self.memoryLimitBytes = memoryLimitBytes
    }

    /// One message per value out of range, empty when the configuration is usable.
    public var validationErrors: [String] {
        var errors: [String] = []
        if !(1...1024).contains(threadPoolSize) {
            errors.append("threadPoolSize must be between 1 and 1024, got \(threadPoolSize)")
        }
        if maxBodyBytes < 0 { errors.append("maxBodyBytes must not be negative, got \(maxBodyBytes)") }
        if !(0...Int(UInt32.max)).contains(connectionTimeoutSeconds) {
            errors.append(
                "connectionTimeoutSeconds must be between 0 and \(UInt32.max), got \(connectionTimeoutSeconds)")
        }
        if !(1...Int(UInt32.max)).contains(connectionLimit) {
            errors.append("connectionLimit must be between 1 and \(UInt32.max), got \(connectionLimit)")
        }
        if memoryLimitBytes < 4096 { errors.append("memoryLimitBytes must be at least 4096, got \(memoryLimitBytes)") }
        errors += limitValidationErrors
        return errors
    }
}
