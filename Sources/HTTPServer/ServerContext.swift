import Logging
import Synchronization

/// What libmicrohttpd's callbacks need, shared by all worker threads of one daemon.
///
/// Passed to C as the `cls` of every callback (``HTTPServer`` holds it retained from start until after
/// `MHD_stop_daemon`, so callbacks never see it freed). Immutable apart from atomics and a mutex.
final class ServerContext: Sendable {
    let responder: any HTTPResponder
    let logger: Logger
    let maxBodyBytes: Int
    /// The URL and header limits (see ``HTTPServerConfiguration``).
    let maxURLBytes: Int
    let maxHeaderCount: Int
    let maxHeaderBytes: Int
    /// Whole-request deadlines; nil when request timeouts are off.
    let deadlines: RequestDeadlines?
    /// Set once shutdown has begun: responses then carry `Connection: close`.
    let draining = Atomic<Bool>(false)
    /// Requests answered later, whose connections wait suspended for their response.
    let parked = ParkedRequests()
    /// The last message libmicrohttpd logged, used to explain a failed start.
    let lastDaemonMessage = Mutex<String?>(nil)

    convenience init(responder: any HTTPResponder, logger: Logger, maxBodyBytes: Int) {
        self.init(responder: responder, logger: logger, configuration: HTTPServerConfiguration(maxBodyBytes: maxBodyBytes))
    }

    init(responder: any HTTPResponder, logger: Logger, configuration: HTTPServerConfiguration) {
        self.responder = responder
        self.logger = logger
        self.maxBodyBytes = configuration.maxBodyBytes
        self.maxURLBytes = configuration.maxURLBytes
        self.maxHeaderCount = configuration.maxHeaderCount
        self.maxHeaderBytes = configuration.maxHeaderBytes
        self.deadlines =
            configuration.requestTimeoutSeconds > 0
            ? RequestDeadlines(timeout: .seconds(configuration.requestTimeoutSeconds), logger: logger) : nil
    }
}
