import CMicroHTTPD
import Glibc
import WaitRule

/// `MHD_AccessHandlerCallback`: called several times per request on the connection's worker thread.
///
/// 1. First call (headers complete): collect headers, choose the request id, ask the responder for the
///    request's route (once; it sets the body limit and travels with the request), refuse a declared
///    `Content-Length` over the limit early (MHD then closes the connection), otherwise answer nothing —
///    replying in the first call makes libmicrohttpd 0.9.75 send `Connection: close`.
/// 2. Calls with `*upload_data_size > 0`: append body bytes up to the limit, then keep draining.
/// 3. Last call (`*upload_data_size == 0`): ask the responder and queue the response, or park the
///    connection when the responder answers later.
/// 4. For a parked request, one more call after the response was delivered: queue it.
///
/// The worker runs every step, and the responder it calls, marked as a thread that must never wait
/// (`WaitRule`): in debug builds a wait on PostgreSQL, the engine or a file stops the process there.
func mhdAccessHandler(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
    _ uploadDataSize: UnsafeMutablePointer<Int>?, _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    WaitRule.noWaiting {
        accessHandlerStep(cls, connection, url, method, uploadData, uploadDataSize, conCls)
    }
}

/// One call of ``mhdAccessHandler``.
private func accessHandlerStep(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
    _ uploadDataSize: UnsafeMutablePointer<Int>?, _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let uploadDataSize, let conCls else { return .NO }
    // Unmanaged: the context is retained by HTTPServer until after MHD_stop_daemon, so it outlives this call.
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    let state: RequestState
    if let raw = conCls.pointee {
        // Unmanaged: *con_cls holds the +1 taken in mhdURILog until mhdRequestCompleted releases it.
        state = Unmanaged<RequestState>.fromOpaque(raw).takeUnretainedValue()
    } else {
        // Not expected (the URI log callback always runs first); fall back to MHD's parsed URL.
        state = RequestState(rawTarget: url.map { Array(String(cString: $0).utf8) } ?? [])
        // Unmanaged: +1 owned by *con_cls, released in mhdRequestCompleted.
        conCls.pointee = Unmanaged.passRetained(state).toOpaque()
    }

    switch state.phase {
    case .awaitingHeaders:
        return AccessHandler.begin(state, method: method, connection: connection, context: context)
    case .receivingBody where uploadDataSize.pointee > 0:
        AccessHandler.receive(state, data: uploadData, count: uploadDataSize.pointee, limit: state.bodyLimit)
        uploadDataSize.pointee = 0
        return .YES
    case .receivingBody:
        state.phase = .answered
        context.requestReceived(on: connection)
        return AccessHandler.answer(state, connection: connection, context: context)
    case .parked(let ticket):
        // Called again after the resume: send what was delivered.
        guard let response = context.parked.take(ticket) else { return .YES }
        state.phase = .answered
        return ResponseWriter.queue(response, requestID: state.requestID, on: connection, context: context)
    case .answered:
        uploadDataSize.pointee = 0
        return .NO
    }
}

/// The steps of ``mhdAccessHandler``, one per phase.
enum AccessHandler {
    static func begin(
        _ state: RequestState, method: UnsafePointer<CChar>?, connection: OpaquePointer, context: ServerContext
    ) -> MHD_Result {
        state.method = method.map { String(cString: $0) } ?? ""
        state.headers = HeaderCollector.headers(of: connection)
        state.requestID = RequestID.forRequest(headers: state.headers)
        state.clientAddress = SocketAddress.numericHost(of: sj_mhd_client_address(connection))
        // Routed once, first, so that even a refusal of the head answers with the request's route.
        let target = RequestTarget(rawBytes: state.rawTarget)
        state.target = target
        state.route = context.responder.route(method: state.method, pathSegments: target.pathSegments)
        if let refusal = HeadLimits.violation(of: state, context: context) {
            return refuseEarly(state, refusal, connection: connection, context: context)
        }
        if let ambiguity = BodyFraming.ambiguity(in: state.headers) {
            return refuseEarly(state, ambiguity, connection: connection, context: context)
        }
        state.bodyLimit = HeadLimits.bodyLimit(of: state.route, context: context)
        if let declared = declaredContentLength(state.headers), declared > UInt64(state.bodyLimit) {
            return refuseEarly(state, .bodyTooLarge(limit: state.bodyLimit), connection: connection, context: context)
        }
        state.phase = .receivingBody
        return .YES
    }

    /// Answers in the first call, with `Connection: close`: the body (if any) is not read, so the
    /// connection cannot carry another request. (libmicrohttpd also closes on its own when a body was
    /// announced; the header makes it so for every refusal, and tells the client.)
    static func refuseEarly(
        _ state: RequestState, _ error: HTTPServerError, connection: OpaquePointer, context: ServerContext
    ) -> MHD_Result {
        state.phase = .answered
        context.requestReceived(on: connection)
        var response = respond(to: error, state, context: context)
        response.headers.replaceOrAdd(name: "Connection", value: "close")
        return ResponseWriter.queue(response, requestID: state.requestID, on: connection, context: context)
    }

    static func receive(_ state: RequestState, data: UnsafePointer<CChar>?, count: Int, limit: Int) {
        guard !state.bodyTooLarge, let data else { return }
        guard state.body.count + count <= limit else {
            state.bodyTooLarge = true
            state.body = []
            return
        }
        data.withMemoryRebound(to: UInt8.self, capacity: count) {
            state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
        }
    }

    static func answer(_ state: RequestState, connection: OpaquePointer, context: ServerContext) -> MHD_Result {
        let answer: HTTPAnswer
        if state.bodyTooLarge {
            answer = .now(respond(to: .bodyTooLarge(limit: state.bodyLimit), state, context: context))
        } else {
            let request = HTTPRequest(
                method: state.method, target: state.target ?? RequestTarget(rawBytes: state.rawTarget), headers: state.headers,
                body: state.body, requestID: state.requestID, clientAddress: state.clientAddress, route: state.route)
            state.body = []
            answer = context.responder.answer(request)
        }
        switch answer {
        case .now(let response):
            return ResponseWriter.queue(response, requestID: state.requestID, on: connection, context: context)
        case .later(let start):
            let parked = context.parked
            guard
                let ticket = parked.park(
                    connection, method: state.method, path: state.rawPath, requestID: state.requestID, route: state.route)
            else {
                let response = respond(to: .shuttingDown, state, context: context)
                return ResponseWriter.queue(response, requestID: state.requestID, on: connection, context: context)
            }
            state.phase = .parked(ticket: ticket)
            start { response in parked.deliver(response, to: ticket) }
            return .YES
        }
    }

    /// The responder's answer to `error`, detected by the server for the request of `state`.
    static func respond(to error: HTTPServerError, _ state: RequestState, context: ServerContext) -> HTTPResponse {
        context.responder.respond(
            to: error, method: state.method, path: state.rawPath, requestID: state.requestID, route: state.route)
    }

    /// The `Content-Length` the client declared, if it is a plain decimal number.
    static func declaredContentLength(_ headers: HTTPHeaders) -> UInt64? {
        guard let value = headers["Content-Length"] else { return nil }
        let trimmed = value.utf8.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var result: UInt64 = 0
        var sawDigit = false
        for byte in trimmed {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { break }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let (times10, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return UInt64.max }
            result = sum
            sawDigit = true
        }
        return sawDigit ? result : nil
    }
}
