/// A complete HTTP response produced by an ``HTTPResponder``.
///
/// The server always adds `Content-Length` and `X-Request-Id` (unless `headers` already has one).
/// `Content-Length` and `Transfer-Encoding` in `headers` are ignored, as are fields whose name or
/// value contains CR, LF or NUL.
public struct HTTPResponse: Sendable, Equatable {
    /// Status code, 100–999 (anything else is sent as 500).
    public var status: Int
    /// Header fields to send.
    public var headers: HTTPHeaders
    /// Body bytes.
    public var body: [UInt8]

    /// Creates a response.
    /// - Parameters:
    ///   - status: status code.
    ///   - headers: header fields, none by default.
    ///   - body: body bytes, empty by default.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
