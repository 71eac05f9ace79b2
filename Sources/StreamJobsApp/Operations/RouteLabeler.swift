import HTTPServer

/// Bounded metric labels for a request: the route label its responder gave it when it was routed (a
/// DLI route template), or `unmatched`; and its method from a fixed list, or `other`. Raw paths never
/// become labels.
enum RouteLabeler {
    /// The route label of requests that match no route (404, 405).
    static let unmatched = "unmatched"
    /// Methods kept as labels as they are; anything else is `other`.
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// The label of `route`, the request's one match (``RequestRoute/label``), or ``unmatched``.
    static func route(_ route: RequestRoute) -> String { route.label ?? unmatched }

    /// The method label: the method when it is a standard one, else `other`.
    static func method(_ method: String) -> String { knownMethods.contains(method) ? method : "other" }
}
