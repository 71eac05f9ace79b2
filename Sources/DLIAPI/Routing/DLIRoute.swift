import HTTPServer

/// A request's DLI route, matched once from its head (``DLIResponder/route(method:pathSegments:)``) and
/// carried with the request in `HTTPRequest.route.match`: the endpoint and its path parameters, or the
/// 404/405 the request is answered with.
struct DLIRoute: Sendable {
    /// The router of the DLI route table, the only one.
    static let router = Router(DLIEndpoint.routes)

    /// The match, or why there is none.
    let matched: Result<Router<DLIEndpoint>.Match, APIError>

    /// Matches `method` and `path` against the route table.
    init(method: String, path: [PercentEncodedString]) {
        matched = Result { () throws(APIError) in try Self.router.match(method: method, path: path) }
    }

    /// The route `request` carries (the server routes every request once, when its head is in), or, for
    /// a request built without one (tests, tools), the route matched now.
    init(of request: HTTPRequest) {
        if let carried = request.route.match as? DLIRoute {
            self = carried
        } else {
            self.init(method: request.method, path: request.pathSegments)
        }
    }

    /// The match, nil when no route matches.
    var match: Router<DLIEndpoint>.Match? { try? matched.get() }
}
