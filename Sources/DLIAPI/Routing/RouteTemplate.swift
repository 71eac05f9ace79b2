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
    }

    /// The number of literal segments; among templates that match one path the most literal wins.
    var literalCount: Int { segments.reduce(0) { if case .literal = $1 { $0 + 1 } else { $0 } } }

    /// The captured parameters if `path` matches, else nil.
    func match(_ path: [PercentEncodedString]) -> [String: PercentEncodedString]? {
        guard path.count == segments.count else { return nil }
        var captured: [String: PercentEncodedString] = [:]
        for (segment, actual) in zip(segments, path) {
            switch segment {
            case .literal(let text): if actual.raw != text { return nil }
            case .parameter(let name): captured[name] = actual
            }
        }
        return captured
    }
}
