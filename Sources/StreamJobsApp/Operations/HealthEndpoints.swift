import HTTPServer
import JSONCodec

/// `GET /healthz` (the process answers) and `GET /readyz` (database reachable, schema current,
/// configured files usable; engine reported). Both live outside the `/v1.0` tree and answer small JSON
/// bodies.
struct HealthEndpoints: Sendable {
    let readiness: ReadinessCheck

    /// 200 `{"status":"ok"}`: the process is alive and its HTTP threads answer.
    func liveness() -> HTTPResponse {
        Self.json(200) { $0.field("status", "ok") }
    }

    /// 200 when ready, else 503 with `Retry-After: 1`; the body lists each check, and the configuration
    /// problems (`"problems":["STREAMJOBS_…: reason"]`) when there are any.
    func readinessResponse() -> HTTPResponse {
        let report = readiness.report()
        var response = Self.json(report.isReady ? 200 : 503) { writer in
            writer.field("status", report.isReady ? "ready" : "not_ready")
            writer.key("checks")
            writer.beginObject()
            writer.field("database", report.database)
            writer.field("schema", report.schema)
            writer.field("engine", report.engine)
            writer.field("config", report.config)
            writer.endObject()
            if !report.problems.isEmpty {
                writer.key("problems")
                writer.beginArray()
                for problem in report.problems { writer.string(problem) }
                writer.endArray()
            }
        }
        if !report.isReady { response.headers.add(name: "Retry-After", value: "1") }
        return response
    }

    static func json(_ status: Int, _ fields: (inout JSONWriter) -> Void) -> HTTPResponse {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        fields(&writer)
        writer.endObject()
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Cache-Control", value: "no-store")
        return HTTPResponse(status: status, headers: headers, body: writer.bytes)
    }
}
