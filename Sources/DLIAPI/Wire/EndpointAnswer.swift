import HTTPServer

/// What an endpoint answers: a response now, or later: its work completes on another thread (a
/// pipelined database read, say) and hands over the response or the DLI error then.
enum EndpointAnswer: Sendable {
    /// Receives a later answer's outcome, exactly once.
    typealias Reply = @Sendable (Result<HTTPResponse, APIError>) -> Void

    /// The response, ready (errors now are thrown by the endpoint instead).
    case now(HTTPResponse)
    /// The work starts when `start` is called and ends by calling its reply.
    case later(_ start: @Sendable (_ reply: @escaping Reply) -> Void)
}
