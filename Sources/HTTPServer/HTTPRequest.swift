/// A complete HTTP request as received, with its target kept raw and parsed without normalisation.
public struct HTTPRequest: Sendable {
    /// The method exactly as sent (methods are case-sensitive: `delete` is not `DELETE`).
    public let method: String
    /// The raw request target as sent, query string included.
    public let target: String
    /// The raw path: the target before the first `?`, not unescaped.
    public let path: String
    /// The raw path split on `/` first, then each segment percent-decoded.
    ///
    /// A leading `/` gives no empty first segment, empty inner and trailing segments are kept
    /// (`/a//b/` gives `["a", "", "b", ""]`), and the path `/` gives `[]`.
    public let pathSegments: [PercentEncodedString]
    /// The query items in order (`+` decodes to a space).
    public let query: [QueryItem]
    /// The request header fields.
    public let headers: HTTPHeaders
    /// The request body (empty when there is none).
    public let body: [UInt8]
    /// The client's `X-Request-Id` when it is 1–128 characters of `[A-Za-z0-9._:-]`, else a generated id.
    public let requestID: String
    /// The peer's IP address (`"127.0.0.1"`, `"::1"`), or `""` if unknown.
    public let clientAddress: String
    /// What the responder made of the request's head (``HTTPResponder/route(method:pathSegments:)``),
    /// asked once by the server when the headers came in; a request built by hand carries what it was
    /// given (no route by default).
    public let route: RequestRoute

    /// Creates a request; the server builds these, tests may too.
    ///
    /// - Parameters:
    ///   - method: the method as sent.
    ///   - target: the raw request target; `path`, `pathSegments` and `query` are parsed from it.
    ///   - headers: header fields.
    ///   - body: body bytes.
    ///   - requestID: the request id; `nil` takes a valid `X-Request-Id` from `headers` or generates one.
    ///   - clientAddress: the peer address.
    ///   - route: the route the responder made of the head, as the server would carry it; none by default.
    public init(
        method: String,
        target: String,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        requestID: String? = nil,
        clientAddress: String = "",
        route: RequestRoute = RequestRoute()
    ) {
        self.init(
            method: method, target: RequestTarget(target), headers: headers, body: body,
            requestID: requestID ?? RequestID.forRequest(headers: headers), clientAddress: clientAddress, route: route)
    }

    init(
        method: String, target: RequestTarget, headers: HTTPHeaders, body: [UInt8], requestID: String,
        clientAddress: String, route: RequestRoute
    ) {
        self.method = method
        self.target = target.target
        self.path = target.path
        self.pathSegments = target.pathSegments
        self.query = target.query
        self.headers = headers
        self.body = body
        self.requestID = requestID
        self.clientAddress = clientAddress
        self.route = route
    }
}
