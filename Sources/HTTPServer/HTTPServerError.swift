/// Request errors the server detects itself; the ``HTTPResponder`` turns them into responses.
public enum HTTPServerError: Error, Sendable, Equatable {
    /// The request body (declared or actually sent) exceeds ``HTTPServerConfiguration/maxBodyBytes``.
    /// Usually answered with 413.
    case bodyTooLarge(limit: Int)
    /// The request target is longer than ``HTTPServerConfiguration/maxURLBytes``. Usually answered with 414.
    case urlTooLong(limit: Int)
    /// More header fields than ``HTTPServerConfiguration/maxHeaderCount``. Usually answered with 431.
    case tooManyHeaders(limit: Int)
    /// Header names and values together exceed ``HTTPServerConfiguration/maxHeaderBytes``. Usually answered with 431.
    case headersTooLarge(limit: Int)
    /// The request gives its body length more than once: several `Content-Length` fields (equal or not),
    /// or `Content-Length` with `Transfer-Encoding`. Refused before the body is read, and the connection is
    /// closed after the answer (where the body ends, and so where a next request would start, is unknown).
    /// Usually answered with 400.
    case ambiguousBodyLength
    /// The server is stopping and a request answered ``HTTPAnswer/later(_:)`` got no response within the
    /// grace period (or arrived after it). Usually answered with 503.
    case shuttingDown
}
