import DLIAPI
import HTTPServer

/// Turns a request into bounded metric labels: the DLI route template it matched (or `unmatched`),
/// and its method from a fixed list (or `other`). Raw paths never become labels.
struct RouteLabeler: Sendable {
    /// The route label of requests that match no route (404, 405).
    static let unmatched = "unmatched"
    /// Methods kept as labels as they are; anything else is `other`.
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    private let router = Router(DLIEndpoint.routes)

    /// The route template `request` matches, or ``unmatched``.
    func route(method: String, path: [PercentEncodedString]) -> String {
        guard let match = try? router.match(method: method, path: path) else { return Self.unmatched }
        return match.template.description
    }

    /// The method label: the method when it is a standard one, else `other`.
    static func method(_ method: String) -> String { knownMethods.contains(method) ? method : "other" }
}
