import Glibc
import HTTPServer
import Synchronization

/// Records every request and error it is asked about; answers 200 with a short text body.
///
/// `GET /slow` sleeps for `slowDelay` first (for shutdown tests); `/headers` answers with custom headers.
final class RecordingResponder: HTTPResponder {
    let requests = Mutex<[HTTPRequest]>([])
    let errors = Mutex<[(HTTPServerError, String, String, String)]>([])
    /// The route label handed back with each error, in the order of ``errors``.
    let errorRouteLabels = Mutex<[String?]>([])
    /// How often ``route(method:pathSegments:)`` was asked.
    let routed = Atomic<Int>(0)
    let slowStarted = Atomic<Int>(0)
    let slowFinished = Atomic<Int>(0)
    let slowDelay: Duration

    init(slowDelay: Duration = .milliseconds(800)) {
        self.slowDelay = slowDelay
    }

    func answer(_ request: HTTPRequest) -> HTTPAnswer {
        .now(respond(to: request))
    }

    private func respond(to request: HTTPRequest) -> HTTPResponse {
        requests.withLock { $0.append(request) }
        switch request.path {
        case "/slow":
            slowStarted.add(1, ordering: .sequentiallyConsistent)
            let (seconds, attoseconds) = slowDelay.components
            usleep(UInt32(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
            slowFinished.add(1, ordering: .sequentiallyConsistent)
            return HTTPResponse(status: 200, body: Array(repeating: UInt8(ascii: "s"), count: 100_000))
        case "/headers":
            return HTTPResponse(
                status: 201, headers: ["Content-Type": "application/json", "X-Custom": "yes", "x-request-id": "mine"],
                body: Array(#"{"ok":true}"#.utf8))
        case "/bad-headers":
            return HTTPResponse(
                status: 200,
                headers: ["X-Injected": "a\r\nSet-Cookie: evil", "Content-Length": "999", "X-Fine": "1"],
                body: Array("abc".utf8))
        case "/empty":
            return HTTPResponse(status: 200)
        default:
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "text/plain"], body: Array("hello \(request.method)".utf8))
        }
    }

    func respond(
        to error: HTTPServerError, method: String, path: String, requestID: String, route: RequestRoute
    ) -> HTTPResponse {
        errors.withLock { $0.append((error, method, path, requestID)) }
        errorRouteLabels.withLock { $0.append(route.label) }
        switch error {
        case .bodyTooLarge(let limit):
            return HTTPResponse(
                status: 413, headers: ["Content-Type": "application/json"],
                body: Array(#"{"error":"body over \#(limit) bytes"}"#.utf8))
        case .urlTooLong(let limit):
            return HTTPResponse(status: 414, body: Array(#"{"error":"url over \#(limit) bytes"}"#.utf8))
        case .tooManyHeaders(let limit):
            return HTTPResponse(status: 431, body: Array(#"{"error":"over \#(limit) headers"}"#.utf8))
        case .headersTooLarge(let limit):
            return HTTPResponse(status: 431, body: Array(#"{"error":"headers over \#(limit) bytes"}"#.utf8))
        case .ambiguousBodyLength:
            return HTTPResponse(status: 400, body: Array(#"{"error":"ambiguous body length"}"#.utf8))
        case .shuttingDown:
            return HTTPResponse(status: 503, body: Array(#"{"error":"shutting down"}"#.utf8))
        }
    }

    /// Per-path body limits answered by ``route(method:pathSegments:)``, keyed by first segment.
    let bodyLimits = Mutex<[String: Int]>([:])

    /// The route of a head: the body limit of its first segment, the label `<method> /<first segment>`,
    /// and as match the number of this call (1 for the first request routed).
    func route(method: String, pathSegments: [PercentEncodedString]) -> RequestRoute {
        let call = routed.add(1, ordering: .sequentiallyConsistent).newValue
        guard let first = pathSegments.first?.raw else { return RequestRoute(label: "\(method) /", match: call) }
        return RequestRoute(
            maxBodyBytes: bodyLimits.withLock { $0[first] }, label: "\(method) /\(first)", match: call)
    }

    var lastRequest: HTTPRequest? { requests.withLock { $0.last } }
}
