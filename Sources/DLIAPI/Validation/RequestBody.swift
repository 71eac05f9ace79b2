import HTTPServer
import JSONCodec

/// Parses a request body as one JSON object: malformed JSON, a non-object, nesting deeper than
/// ``maxDepth`` or a non-JSON content type are 4xx errors that change nothing. The depth is checked by
/// the parser, once, as it reads.
struct RequestBody: Sendable {
    /// The deepest nesting any request body may have, whatever the configuration.
    static let depthCeiling = 64

    /// How many JSON arrays and objects may be open at once (`DLIRequestLimits.jsonMaxDepth`, capped to
    /// ``depthCeiling``).
    let maxDepth: Int

    /// A parser of bodies nested at most `maxDepth` deep (at most ``depthCeiling``).
    init(maxDepth: Int) {
        self.maxDepth = min(maxDepth, Self.depthCeiling)
    }

    /// The body of `request` as a JSON object.
    /// - Throws: 415 for a content type other than JSON; 400 `DLI.0001` for an empty body, malformed JSON,
    ///   nesting deeper than ``maxDepth`` (`not valid JSON (nesting deeper than N)`), or a non-object.
    func object(of request: HTTPRequest) throws(APIError) -> FieldReader {
        if let type = request.headers["Content-Type"] {
            let mediaType = type.split(separator: ";", maxSplits: 1).first.map { $0.trimmingASCIISpaces.lowercased() } ?? ""
            guard mediaType == "application/json" else {
                throw APIError(
                    status: 415, code: DLIErrorCode.parameterInvalid,
                    message: "Content-Type must be application/json.")
            }
        }
        guard !request.body.isEmpty else { throw .invalidParameter("body", "a JSON object is required") }
        let value: JSONValue
        do {
            value = try JSONParser.parse(request.body, maxDepth: maxDepth)
        } catch {
            throw Self.invalid(error)
        }
        guard case .object(let object) = value else {
            throw .invalidParameter("body", "must be a JSON object, not \(value.typeName == "array" ? "an" : "a") \(value.typeName)")
        }
        return FieldReader(object)
    }

    /// 400 `DLI.0001` for a body the parser refused; nesting too deep is named without the byte offset.
    static func invalid(_ error: JSONParseError) -> APIError {
        if case .nestingTooDeep = error.reason {
            return .invalidParameter("body", "not valid JSON (\(error.reason.message))")
        }
        return .invalidParameter("body", "not valid JSON (\(error.description))")
    }
}

extension Substring {
    fileprivate var trimmingASCIISpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
