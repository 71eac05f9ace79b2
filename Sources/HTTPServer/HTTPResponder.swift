/// What the application provides to answer requests.
///
/// Both methods are called synchronously on libmicrohttpd worker threads, concurrently for different
/// connections, so implementations must be thread-safe and should not block for long.
public protocol HTTPResponder: Sendable {
    /// Answers a complete request.
    /// - Parameter request: the request, body included.
    /// - Returns: the response to send.
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Turns an error the server detected itself (such as a body over the limit) into a response in the
    /// application's own format.
    /// - Parameters:
    ///   - error: what went wrong.
    ///   - method: the request method as sent.
    ///   - path: the raw request path (without query).
    ///   - requestID: the request's id, also sent as `X-Request-Id`.
    /// - Returns: the response to send.
    func respond(to error: HTTPServerError, method: String, path: String, requestID: String) -> HTTPResponse

    /// The largest body this request may carry, asked once the headers are in and before any body byte
    /// is read, so small-body routes can refuse large uploads early. `nil` (the default) means
    /// ``HTTPServerConfiguration/maxBodyBytes``; a larger value is capped to it.
    /// - Parameters:
    ///   - method: the request method as sent.
    ///   - pathSegments: the raw path split and decoded as in ``HTTPRequest/pathSegments``.
    func maxBodyBytes(method: String, pathSegments: [PercentEncodedString]) -> Int?
}
