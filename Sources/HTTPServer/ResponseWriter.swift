import CMicroHTTPD

/// Queues an ``HTTPResponse`` on a connection (`MHD_create_response_from_buffer` + `MHD_queue_response`).
enum ResponseWriter {
    /// Header names the server sets itself; the responder's values are ignored.
    private static let managedHeaders = ["Content-Length", "Transfer-Encoding"]

    /// Sends `response` with `X-Request-Id` (unless present) and, while draining, `Connection: close`.
    /// MHD adds `Content-Length` and `Date`. Returns MHD's verdict (`.NO` closes the connection).
    static func queue(
        _ response: HTTPResponse, requestID: String, on connection: OpaquePointer, context: ServerContext
    ) -> MHD_Result {
        let mhdResponse = response.body.withUnsafeBytes { body in
            MHD_create_response_from_buffer(
                body.count, UnsafeMutableRawPointer(mutating: body.baseAddress), .RESPMEM_MUST_COPY)
        }
        guard let mhdResponse else {
            context.logger.error("cannot create HTTP response", metadata: ["http.request_id": "\(requestID)"])
            return .NO
        }
        defer { MHD_destroy_response(mhdResponse) }  // MHD keeps its own reference until the reply is sent
        for field in response.headers where isSendable(field) {
            if MHD_add_response_header(mhdResponse, field.name, field.value) != .YES {
                context.logger.debug(
                    "response header refused by libmicrohttpd",
                    metadata: ["http.request_id": "\(requestID)", "http.header": "\(field.name)"])
            }
        }
        if !response.headers.contains(name: RequestID.headerName) {
            _ = MHD_add_response_header(mhdResponse, RequestID.headerName, requestID)
        }
        if context.draining.load(ordering: .relaxed) && !response.headers.contains(name: "Connection") {
            _ = MHD_add_response_header(mhdResponse, "Connection", "close")
        }
        var status = response.status
        if !(100...999).contains(status) {
            context.logger.error(
                "responder returned an invalid status, sending 500",
                metadata: ["http.request_id": "\(requestID)", "http.status": "\(status)"])
            status = 500
        }
        return MHD_queue_response(connection, UInt32(status), mhdResponse)
    }

    private static func isSendable(_ field: HTTPHeaders.Element) -> Bool {
        if field.name.isEmpty || managedHeaders.contains(where: { HTTPHeaders.namesMatch($0, field.name) }) {
            return false
        }
        let forbidden: (UInt8) -> Bool = { $0 == 0 || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
        return !field.name.utf8.contains(where: forbidden) && !field.value.utf8.contains(where: forbidden)
            && !field.name.utf8.contains(UInt8(ascii: ":"))
    }
}
