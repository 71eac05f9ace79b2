import HTTPServer

/// A path template such as `/v1.0/{project_id}/streaming/jobs/{job_id}`: literal segments and named
/// parameters. Literals match the raw (undecoded) segment exactly; parameters capture any segment.
public struct RouteTemplate: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    let segments: [Segment]
    /// The template text, used as the metrics label and in the OpenAPI document.
    public let description: String

    public init(_ text: String) {
        description = text
        segments = text.split(separator: "/", omittingEmptySubsequences: true).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        literalCount = segments.reduce(0) { if case .literal = $1 { $0 + 1 } else { $0 } }
    }

    /// The number of literal segments; among templates that match one path the most literal wins.
    let literalCount: Int

    /// Whether `path` matches: as many segments, and every literal equal to the raw segment. Allocates
    /// nothing, so a router can try every template per request.
    func matches(_ path: [PercentEncodedString]) -> Bool {
        guard path.count == segments.count else { return false }
        for (segment, actual) in zip(segments, path) {
            if case .literal(let text) = segment, actual.raw != text { return false }
        }
        return true
    }

    /// The parameters `path` binds, by name; call it on a template that ``matches(_:)``.
    func parameters(of path: [PercentEncodedString]) -> [String: PercentEncodedString] {
        var captured: [String: PercentEncodedString] = [:]
        for (segment, actual) in zip(segments, path) {
            if case .parameter(let name) = segment { captured[name] = actual }
        }
        return captured
    }

    /// The captured parameters if `path` matches, else nil.
    func match(_ path: [PercentEncodedString]) -> [String: PercentEncodedString]? {
        matches(path) ? parameters(of: path) : nil
    }
}
