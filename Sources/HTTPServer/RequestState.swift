/// Per-request state, created in the URI log callback and released in the request-completed callback.
///
/// libmicrohttpd handles one connection on one thread at a time, so this class is only ever touched by
/// the thread currently processing its request; it must not cross threads otherwise.
final class RequestState {
    /// Where the access handler is in the request's lifetime.
    enum Phase {
        /// The first access-handler call (headers complete) has not happened yet.
        case awaitingHeaders
        /// Headers seen; body chunks (if any) are being received.
        case receivingBody
        /// The responder answers later: the connection is suspended until the response under this
        /// ticket of ``ServerContext/parked`` is delivered.
        case parked(ticket: UInt)
        /// A response was queued; nothing more to do.
        case answered
    }

    /// The raw request target exactly as sent.
    let rawTarget: [UInt8]
    var phase = Phase.awaitingHeaders
    var method = ""
    var headers = HTTPHeaders()
    var requestID = ""
    var clientAddress = ""
    var body: [UInt8] = []
    /// The body went over the limit: keep draining, answer the responder's error at the end.
    var bodyTooLarge = false
    /// The body limit for this request (the route's, capped to the server's); set in the first call.
    var bodyLimit = 0
    /// The target parsed once, in the first call (for the route), and handed to the request.
    var target: RequestTarget?
    /// The responder's route for this request, asked once in the first call and handed to the request
    /// and to every error answered for it.
    var route = RequestRoute()

    init(rawTarget: [UInt8]) {
        self.rawTarget = rawTarget
    }

    /// The raw path (before `?`), for error responses.
    var rawPath: String {
        let end = rawTarget.firstIndex(of: UInt8(ascii: "?")) ?? rawTarget.endIndex
        return String(decoding: rawTarget[..<end], as: UTF8.self)
    }
}

@available(*, unavailable, message: "RequestState belongs to the MHD thread serving its connection")
extension RequestState: Sendable {}
