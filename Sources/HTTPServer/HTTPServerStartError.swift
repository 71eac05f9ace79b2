/// Why ``HTTPServer/start()`` failed.
public enum HTTPServerStartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `start()` was called on a server that was already started (or already shut down).
    case alreadyStarted
    /// The configured host is not an IPv4 or IPv6 literal.
    case invalidHost(String)
    /// Configuration values out of range, one message each.
    case invalidConfiguration([String])
    /// libmicrohttpd could not start, typically because binding failed (port in use, address not local).
    /// `reason` is libmicrohttpd's own last message, such as "Failed to bind to port 8080: Address already in use".
    case daemonStartFailed(host: String, port: UInt16, reason: String)

    /// A message fit for an operator.
    public var description: String {
        switch self {
        case .alreadyStarted:
            "HTTP server: start() called twice"
        case .invalidHost(let host):
            "HTTP server: host '\(host)' is not an IPv4 or IPv6 address literal"
        case .invalidConfiguration(let messages):
            "HTTP server: invalid configuration: " + messages.joined(separator: "; ")
        case .daemonStartFailed(let host, let port, let reason):
            "HTTP server: cannot listen on \(host):\(port): \(reason)"
        }
    }
}
