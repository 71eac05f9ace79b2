import HTTPServer

/// The DLI API's own request limits, beyond the HTTP server's: a smaller body limit for routes whose
/// bodies are small, and the JSON nesting depth.
public struct DLIRequestLimits: Sendable, Equatable {
    /// Body limit of every route that carries no SQL statement or job definition (batches, savepoints,
    /// export, import, GET and DELETE). Routes that do (SQL and Jar jobs, templates) get the server's limit.
    public var smallBodyBytes: Int
    /// How many JSON arrays and objects may be open at once in a request body (`{"a":[1]}` needs 2).
    public var jsonMaxDepth: Int

    /// The largest `jsonMaxDepth` accepted (the parser's own ceiling, ``RequestBody/maxDepth``).
    public static let jsonMaxDepthCeiling = RequestBody.maxDepth

    /// - Parameters:
    ///   - smallBodyBytes: default 64 KiB.
    ///   - jsonMaxDepth: default 16.
    public init(smallBodyBytes: Int = 64 * 1024, jsonMaxDepth: Int = 16) {
        self.smallBodyBytes = smallBodyBytes
        self.jsonMaxDepth = jsonMaxDepth
    }

    /// The endpoints whose bodies carry SQL or a job definition, so may be large.
    static let largeBodyEndpoints: Set<DLIEndpoint> = [
        .createSQLJob, .updateSQLJob, .createJarJob, .updateJarJob, .createTemplate, .updateTemplate,
    ]
}

/// Nesting depth of a JSON text, measured without parsing it: brackets are counted outside strings.
/// Exact for valid JSON; for invalid JSON the parser reports its own error afterwards.
enum JSONNesting {
    /// Whether `bytes` opens more than `limit` arrays and objects at once.
    static func exceeds(_ bytes: [UInt8], limit: Int) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            default:
                break
            }
        }
        return false
    }

    /// 400 `DLI.0001` when `body` nests deeper than `limit`.
    static func check(_ body: [UInt8], limit: Int) throws(APIError) {
        guard !body.isEmpty, limit < RequestBody.maxDepth, exceeds(body, limit: limit) else { return }
        throw .invalidParameter("body", "not valid JSON (nesting deeper than \(limit))")
    }
}

extension DLIResponder {
    private static let limitRouter = Router(DLIEndpoint.routes)

    /// The body limit of the route `method` and `pathSegments` lead to: nil (the server's limit) for
    /// routes carrying SQL or job definitions, ``DLIRequestLimits/smallBodyBytes`` for every other request,
    /// unknown routes included.
    public func maxBodyBytes(method: String, pathSegments: [PercentEncodedString]) -> Int? {
        if let match = try? Self.limitRouter.match(method: method, path: pathSegments),
            DLIRequestLimits.largeBodyEndpoints.contains(match.endpoint)
        {
            return nil
        }
        return limits.smallBodyBytes
    }
}
