import HTTPServer
import JSONCodec

/// Parses a request body as one JSON object: malformed JSON, a non-object, nesting deeper than
/// `maxDepth` or a non-JSON content type are 4xx errors that change nothing. The configured, usually
/// smaller depth (`DLIRequestLimits.jsonMaxDepth`) is checked before, in `DLIResponder`.
enum RequestBody {
    static let maxDepth = 64

    static func object(of request: HTTPRequest) throws(APIError) -> FieldReader {
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
            throw .invalidParameter("body", "not valid JSON (\(error.description))")
        }
        guard case .object(let object) = value else {
            throw .invalidParameter("body", "must be a JSON object, not \(value.typeName == "array" ? "an" : "a") \(value.typeName)")
        }
        return FieldReader(object)
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
