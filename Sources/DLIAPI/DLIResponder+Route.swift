import HTTPServer

extension DLIResponder {
    /// Matches the DLI route of a request head, once per request: the match travels with the request to
    /// ``answer(_:)``, its template is the route label (none for 404 and 405), and its endpoint sets the
    /// body limit (``DLIRequestLimits/maxBodyBytes(for:)``).
    public func route(method: String, pathSegments: [PercentEncodedString]) -> RequestRoute {
        let route = DLIRoute(method: method, path: pathSegments)
        let match = route.match
        return RequestRoute(
            maxBodyBytes: limits.maxBodyBytes(for: match?.endpoint), label: match?.template.description, match: route)
    }
}
