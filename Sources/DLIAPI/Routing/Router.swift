import HTTPServer

/// Matches requests to routes. Unknown paths give 404 and known paths with another method give 405
/// with `Allow`, both as DLI errors.
public struct Router<Endpoint: Sendable & Hashable>: Sendable {
    /// One route: a method, a template and what it serves.
    public struct Route: Sendable {
        public let method: String
        public let template: RouteTemplate
        public let endpoint: Endpoint

        public init(_ method: String, _ template: String, _ endpoint: Endpoint) {
            self.method = method
            self.template = RouteTemplate(template)
            self.endpoint = endpoint
        }
    }

    /// A successful match.
    public struct Match: Sendable {
        public let endpoint: Endpoint
        public let template: RouteTemplate
        public let parameters: [String: PercentEncodedString]
    }

    public let routes: [Route]

    public init(_ routes: [Route]) {
        self.routes = routes
    }

    /// The route for `method` and `path`.
    /// - Throws: `APIError` 404 (no template matches) or 405 with `Allow` (templates match, methods do not).
    public func match(method: String, path: [PercentEncodedString]) throws(APIError) -> Match {
        var best: Route?
        var bestLiterals = -1
        var allowed: Set<String> = []
        for route in routes where route.template.matches(path) {
            if route.method == method {
                if route.template.literalCount > bestLiterals {
                    best = route
                    bestLiterals = route.template.literalCount
                }
            } else {
                allowed.insert(route.method)
            }
        }
        if let best {
            return Match(endpoint: best.endpoint, template: best.template, parameters: best.template.parameters(of: path))
        }
        if allowed.isEmpty {
            throw APIError(status: 404, code: DLIErrorCode.noMatchingResource, message: "No matching resource found.")
        }
        let allow = allowed.sorted().joined(separator: ", ")
        throw APIError(
            status: 405, code: DLIErrorCode.operationNotSupported,
            message: "Method \(method.sanitizedForMessage) is not supported here; use \(allow).", headers: [("Allow", allow)])
    }
}

extension String {
    /// At most 16 printable ASCII characters, so a hostile method name cannot flood a message.
    var sanitizedForMessage: String {
        String(String.UnicodeScalarView(unicodeScalars.prefix(16).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? $0 : "?" }))
    }
}
