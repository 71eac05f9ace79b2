/// What a responder makes of a request from its head alone (method and path), asked once per request
/// when the headers are in (``HTTPResponder/route(method:pathSegments:)``).
///
/// The server applies the body limit, keeps the value with the request, and hands it back in
/// ``HTTPRequest/route`` and with every error it answers for the request, so a request is routed once:
/// the body limit, a metrics label and the responder's dispatch all come from this one match.
public struct RequestRoute: Sendable {
    /// The largest body the request may carry; nil means ``HTTPServerConfiguration/maxBodyBytes``, and a
    /// larger value is capped to it.
    public var maxBodyBytes: Int?
    /// A name for the route from a bounded set (a route template, never a raw path), for metrics and
    /// logs; nil when the request matches no route.
    public var label: String?
    /// The responder's own result of routing, opaque to the server (the responder casts it back with
    /// `as?`); nil when the responder keeps none.
    public var match: (any Sendable)?

    /// - Parameters:
    ///   - maxBodyBytes: the body limit; nil (the default) for the server's.
    ///   - label: the route's label; nil (the default) when it matches no route.
    ///   - match: the responder's match; nil (the default) for none.
    public init(maxBodyBytes: Int? = nil, label: String? = nil, match: (any Sendable)? = nil) {
        self.maxBodyBytes = maxBodyBytes
        self.label = label
        self.match = match
    }
}
