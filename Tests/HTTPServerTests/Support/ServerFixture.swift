import HTTPServer
import Logging
import TestSupport

/// Starts a server on 127.0.0.1 with an ephemeral port, runs `body`, then shuts it down.
func withServer<R>(
    _ configuration: HTTPServerConfiguration = HTTPServerConfiguration(port: 0, threadPoolSize: 2),
    responder: some HTTPResponder = RecordingResponder(),
    logger: Logger = Logger(label: "http-test") { _ in SwiftLogNoOpLogHandler() },
    _ body: (HTTPServer) throws -> R
) throws -> R {
    let server = HTTPServer(configuration: configuration, responder: responder, logger: logger)
    try server.start()
    defer { server.shutdown(gracePeriod: .seconds(2)) }
    return try body(server)
}

/// A test configuration: ephemeral port, small pool.
func testConfiguration(
    threads: Int = 2, maxBodyBytes: Int = 1024 * 1024 + 64 * 1024, memoryLimitBytes: Int = 32 * 1024
) -> HTTPServerConfiguration {
    HTTPServerConfiguration(
        host: "127.0.0.1", port: 0, threadPoolSize: threads, maxBodyBytes: maxBodyBytes,
        connectionTimeoutSeconds: 30, connectionLimit: 64, memoryLimitBytes: memoryLimitBytes)
}
