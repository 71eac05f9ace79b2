import Glibc
import HTTPServer

/// The OpenAPI document served at `GET /openapi.json`, read once at start-up (an HTTP worker never
/// waits on a file: ARCHITECTURE.md §3) and answered from memory.
struct OpenAPIDocument: Sendable {
    let bytes: [UInt8]

    /// Which file to serve: `STREAMJOBS_OPENAPI_PATH` when set (it must be a readable file), else the
    /// install layout's `share/streamjobs/openapi.json`, else a checkout's `openapi/streamjobs.json` below
    /// `STREAMJOBS_REPO_ROOT` or the working directory; nil when none exists (`/openapi.json` is then
    /// not served: the API's 404).
    static func locate(_ env: inout EnvironmentReader, layout: InstallLayout) -> String? {
        let key = "STREAMJOBS_OPENAPI_PATH"
        if let path = env.raw(key) {
            let absolute = EngineConfiguration.absolute(path)
            if let problem = EngineConfiguration.unreadableFile(absolute) {
                env.report("\(key)=\(absolute.prefix(200)): \(problem)")
                return nil
            }
            return absolute
        }
        let checkout = (env.raw("STREAMJOBS_REPO_ROOT").map { $0 + "/" } ?? "") + "openapi/streamjobs.json"
        for candidate in [layout.openAPIDocument, checkout].compactMap({ $0 }) {
            let absolute = EngineConfiguration.absolute(candidate)
            if EngineConfiguration.unreadableFile(absolute) == nil { return absolute }
        }
        return nil
    }

    /// The file's bytes, or nil when it cannot be read.
    static func load(path: String) -> OpenAPIDocument? {
        LocalFile.bytes(at: path, maxBytes: 16 << 20).map(OpenAPIDocument.init(bytes:))
    }

    /// 200 with the document as `application/json`.
    func response() -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Cache-Control", value: "no-cache")
        return HTTPResponse(status: 200, headers: headers, body: bytes)
    }
}
