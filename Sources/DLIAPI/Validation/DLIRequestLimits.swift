/// The DLI API's own request limits, beyond the HTTP server's: a smaller body limit for routes whose
/// bodies are small, and the JSON nesting depth.
public struct DLIRequestLimits: Sendable, Equatable {
    /// Body limit of every route that carries no SQL statement or job definition (batches, savepoints,
    /// export, import, GET and DELETE). Routes that do (SQL and Jar jobs, templates) get the server's limit.
    public var smallBodyBytes: Int
    /// How many JSON arrays and objects may be open at once in a request body (`{"a":[1]}` needs 2): the
    /// depth the body parser is given (``RequestBody``), at most ``jsonMaxDepthCeiling``.
    public var jsonMaxDepth: Int

    /// The largest `jsonMaxDepth` accepted (``RequestBody/depthCeiling``).
    public static let jsonMaxDepthCeiling = RequestBody.depthCeiling

    /// - Parameters:
    ///   - smallBodyBytes: default 64 KiB.
    ///   - jsonMaxDepth: default 16.
    public init(smallBodyBytes: Int = 64 * 1024, jsonMaxDepth: Int = 16) {
        self.smallBodyBytes = smallBodyBytes
        self.jsonMaxDepth = jsonMaxDepth
    }

    /// The endpoints whose bodies carry SQL or a job definition, so may be large.
    static let largeBodyEndpoints: Set<DLIEndpoint> = [
        .createSQLJob, .updateSQLJob, .createJarJob, .updateJarJob, .createTemplate, .updateTemplate, .createSQLJobGraph,
    ]

    /// The body limit of a request to `endpoint`: nil (the server's limit) for the endpoints carrying SQL
    /// or job definitions, ``smallBodyBytes`` for every other one and for requests matching no route.
    func maxBodyBytes(for endpoint: DLIEndpoint?) -> Int? {
        if let endpoint, Self.largeBodyEndpoints.contains(endpoint) { return nil }
        return smallBodyBytes
    }
}
