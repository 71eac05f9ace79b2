import HTTPServer
import JSONCodec

/// An error as a DLI client sees it: an HTTP status and `{"error_code": …, "error_msg": …}`.
///
/// Messages are written for clients: they name the offending parameter and never contain SQL,
/// bind values, stack traces or secrets.
public struct APIError: Error, Sendable, Equatable {
    public var status: Int
    public var code: String
    public var message: String
    /// Extra response headers, e.g. `Allow` on 405 or `Retry-After` on 503.
    public var headers: [(String, String)]

    public init(status: Int, code: String, message: String, headers: [(String, String)] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public static func == (lhs: APIError, rhs: APIError) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code && lhs.message == rhs.message
            && lhs.headers.elementsEqual(rhs.headers, by: { $0 == $1 })
    }

    /// 400 `DLI.0001`, naming the parameter.
    public static func invalidParameter(_ name: String, _ reason: String) -> APIError {
        APIError(status: 400, code: DLIErrorCode.parameterInvalid, message: "Invalid parameter '\(name)': \(reason).")
    }

    /// The response carrying this error in DLI's format.
    public func response() -> HTTPResponse {
        var w = JSONWriter(capacity: 64 + message.utf8.count)
        w.beginObject()
        w.key("error_code")
        w.string(code)
        w.key("error_msg")
        w.string(message)
        w.endObject()
        var response = HTTPResponse.json(status: status, body: w.bytes)
        for (name, value) in headers { response.headers.add(name: name, value: value) }
        return response
    }
}

extension HTTPResponse {
    /// A JSON response.
    static func json(status: Int, body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }
}
