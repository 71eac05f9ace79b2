/// What the application provides to answer requests.
///
/// The methods are called on libmicrohttpd worker threads, concurrently for different connections, so
/// implementations must be thread-safe and must not block: work that waits on something else answers
/// ``HTTPAnswer/later(_:)``.
public protocol HTTPResponder: Sendable {
    /// Routes a request from its head, once, when the headers are in and before any body byte is read:
    /// the body limit (so small-body routes refuse large uploads early), a bounded label and the
    /// responder's own match, which the server hands back in ``HTTPRequest/route``. The default
    /// (``RequestRoute/init(maxBodyBytes:label:match:)`` with no arguments) has no label, no match and
    /// the server's body limit.
    /// - Parameters:
    ///   - method: the request method as sent.
    ///   - pathSegments: the raw path split and decoded as in ``HTTPRequest/pathSegments``.
    func route(method: String, pathSegments: [PercentEncodedString]) -> RequestRoute

    /// Answers a complete request, now (``HTTPAnswer/now(_:)``) or later (``HTTPAnswer/later(_:)``): the
    /// one entry point for requests.
    /// - Parameter request: the request, body and route included.
    func answer(_ request: HTTPRequest) -> HTTPAnswer

    /// Turns an error the server detected itself (such as a body over the limit) into a response in the
    /// application's own format.
    /// - Parameters:
    ///   - error: what went wrong.
    ///   - method: the request method as sent.
    ///   - path: the raw request path (without query).
    ///   - requestID: the request's id, also sent as `X-Request-Id`.
    ///   - route: what ``route(method:pathSegments:)`` made of the request's head.
    /// - Returns: the response to send.
    func respond(
        to error: HTTPServerError, method: String, path: String, requestID: String, route: RequestRoute
    ) -> HTTPResponse
}
