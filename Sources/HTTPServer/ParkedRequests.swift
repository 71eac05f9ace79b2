import CMicroHTTPD
import Synchronization

/// The requests answered ``HTTPAnswer/later(_:)``: their connections are suspended in libmicrohttpd
/// (no thread waits) until the response is delivered, from any thread.
///
/// Every suspend, resume and the final sweep happen under one lock, so a response can never resume a
/// connection before it was suspended, and nothing touches a connection once ``close(answer:)`` has run
/// (the server calls it before `MHD_stop_daemon`, which refuses to stop with a suspended connection).
final class ParkedRequests: Sendable {
    private struct Entry {
        /// The `MHD_Connection *`, as a bit pattern (MHD keeps it alive while suspended).
        let connection: UInt
        /// The request, for the shutdown answer.
        let method: String
        let path: String
        let requestID: String
        let route: RequestRoute
        /// Set once delivered; taken by the access handler after the resume.
        var response: HTTPResponse?
    }

    private struct State {
        var entries: [UInt: Entry] = [:]
        var nextTicket: UInt = 1
        var closed = false
    }

    private let state = Mutex(State())

    /// Suspends `connection` (call from its access handler) and returns the ticket its response is
    /// delivered under; nil once the server is shutting down (then answer at once instead).
    func park(
        _ connection: OpaquePointer, method: String, path: String, requestID: String, route: RequestRoute
    ) -> UInt? {
        state.withLock { state in
            guard !state.closed else { return nil }
            let ticket = state.nextTicket
            state.nextTicket += 1
            state.entries[ticket] = Entry(
                connection: UInt(bitPattern: connection), method: method, path: path, requestID: requestID,
                route: route)
            MHD_suspend_connection(connection)
            return ticket
        }
    }

    /// Stores the response of `ticket` and resumes its connection; libmicrohttpd then calls the access
    /// handler again, which takes it. A second delivery, or one after ``close(answer:)``, is ignored.
    func deliver(_ response: HTTPResponse, to ticket: UInt) {
        state.withLock { state in
            guard !state.closed, var entry = state.entries[ticket], entry.response == nil else { return }
            entry.response = response
            state.entries[ticket] = entry
            Self.resume(entry)
        }
    }

    /// The delivered response of `ticket` (removing it), or nil while it has none.
    func take(_ ticket: UInt) -> HTTPResponse? {
        state.withLock { state in
            guard let response = state.entries[ticket]?.response else { return nil }
            state.entries[ticket] = nil
            return response
        }
    }

    /// Refuses new parking, and gives every parked request still waiting the response `answer` makes,
    /// resuming its connection. Returns how many were answered this way.
    @discardableResult
    func close(
        answer: (_ method: String, _ path: String, _ requestID: String, _ route: RequestRoute) -> HTTPResponse
    ) -> Int {
        state.withLock { state in
            state.closed = true
            var answered = 0
            for (ticket, var entry) in state.entries where entry.response == nil {
                entry.response = answer(entry.method, entry.path, entry.requestID, entry.route)
                state.entries[ticket] = entry
                Self.resume(entry)
                answered += 1
            }
            return answered
        }
    }

    private static func resume(_ entry: Entry) {
        // Safe: the connection is suspended (parked under this lock) and MHD frees a suspended
        // connection only in MHD_stop_daemon, which runs after close(answer:).
        MHD_resume_connection(OpaquePointer(bitPattern: entry.connection))
    }
}
