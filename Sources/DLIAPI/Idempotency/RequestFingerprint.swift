import Auth
import HTTPServer

/// What makes two requests with one `Idempotency-Key` "the same request": method, route template, path
/// parameters, query items (in order), the `If-Match` precondition and the body's SHA-256, hashed once
/// more with SHA-256 (64 hex digits). Bodies are compared byte for byte: the same JSON with other spacing
/// is another request. Other headers play no part (credentials differ between retries; authentication
/// comes first anyway).
enum RequestFingerprint {
    static func of(_ request: HTTPRequest, template: String, parameters: [String: PercentEncodedString]) -> String {
        var text = "\(request.method)\n\(template)\n"
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            text += "\(name.count):\(name)=\(value.raw.utf8.count):\(value.raw)\n"
        }
        text += "?\n"
        for item in request.query {
            text += "\(item.name.raw.utf8.count):\(item.name.raw)=\(item.value.raw.utf8.count):\(item.value.raw)\n"
        }
        // A precondition changes what the request asks for: the same key with another If-Match is another request.
        let ifMatch = request.headers.values(for: IfMatchHeader.name).joined(separator: ",")
        text += "if-match:\(ifMatch.utf8.count):\(ifMatch)\n"
        text += Digest.sha256Hex(request.body)
        return Digest.sha256Hex(Array(text.utf8))
    }
}
