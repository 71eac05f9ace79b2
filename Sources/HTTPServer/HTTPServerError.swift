/// Request errors the server detects itself; the ``HTTPResponder`` turns them into responses.
public enum HTTPServerError: Error, Sendable, Equatable {
    /// The request body (declared or actually sent) exceeds ``HTTPServerConfiguration/maxBodyBytes``.
    /// Usually answered with 413.
    case bodyTooLarge(limit: Int)
}
