/// What the application provides to answer requests.
///
/// The methods are called on libmicrohttpd worker threads, concurrently for different connections, so
/// implementations must be thread-safe and must not block: work that waits on something else answers
/// ``HTTPAnswer/later(_:)``.
public protocol HTTPResponder: Sendable {
    /// Answers a complete request, now (``HTTPAnswer/now(_:)``) or later (``HTTPAnswer/later(_:)``): the
    /// one entry point for requests.
    /// - Parameter request: the request, body included.
    func answer(_ request: HTTPRequest) -> HTTPAnswer

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
