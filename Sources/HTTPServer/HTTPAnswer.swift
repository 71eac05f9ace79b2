import Dispatch
import Synchronization
import WaitRule

/// A responder's answer to a complete request: the response now, or a response delivered later.
///
/// `.later` is for answers that wait on something else (a database round trip, say) without holding a
/// thread: the server parks the connection (`MHD_suspend_connection`), calls `start` with a function that
/// delivers the response, and goes on serving other connections. Deliver exactly once, from any thread;
/// the server resumes the connection and sends it. Later deliveries, and deliveries after the server has
/// stopped, are ignored.
public enum HTTPAnswer: Sendable {
    /// The response, ready.
    case now(HTTPResponse)
    /// The response comes later: `start` begins the work and hands its response to `deliver`.
    case later(_ start: @Sendable (_ deliver: @escaping @Sendable (HTTPResponse) -> Void) -> Void)

    /// The response, waiting on the calling thread for a `.later` one: for callers that need the answer
    /// synchronously (tests, tools), never for the server's own threads.
    public func response() -> HTTPResponse {
        switch self {
        case .now(let response):
            return response
        case .later(let start):
            WaitRule.mayWait("waiting for a later answer")
            let slot = Mutex<HTTPResponse?>(nil)
            let done = DispatchSemaphore(value: 0)
            start { response in
                let first = slot.withLock { stored in
                    guard stored == nil else { return false }
                    stored = response
                    return true
                }
                if first { done.signal() }
            }
            done.wait()
            return slot.withLock { $0! }  // set before the signal
        }
    }

    /// The same answer with `transform` applied to its response (when the response exists, on the thread
    /// that delivers it).
    public func map(_ transform: @escaping @Sendable (HTTPResponse) -> HTTPResponse) -> HTTPAnswer {
        switch self {
        case .now(let response):
            return .now(transform(response))
        case .later(let start):
            return .later { deliver in start { response in deliver(transform(response)) } }
        }
    }
}
