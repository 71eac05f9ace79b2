import CLibPQ
import Glibc

/// One PostgreSQL session of a ``PGPipelineChannel``: the connection, what is in flight on it, and
/// how units are sent and results read. Touched only by the channel's thread, whose loop
/// (``PipelineLoop``) polls all its sessions.
final class PipelineSession {
    /// What one command sent in the pipeline yields, in the order the server answers.
    private enum Step {
        /// A `Parse` of a statement this session had not prepared (in a Sync of its own).
        case prepare(PGStatement)
        /// Item `item` of unit `unit` of the segment.
        case item(unit: Int, item: Int)
    }

    /// A unit in flight, with what has come back so far.
    private struct Pending {
        let unit: PGPipelineChannel.Unit
        var results: [PGResult?]
        var error: PGError?
        var done = false
    }

    /// The commands up to one Sync.
    private struct Segment {
        var steps: [Step] = []
        var units: [Pending] = []
        /// The step whose result comes next (a command's results end with a NULL from `PQgetResult`).
        var position = 0
    }

    private let settings: PGPipelineChannel.Settings
    private var connection: PGConnection?
    /// Statements whose `Parse` is sent but not yet confirmed.
    private var preparing: Set<String> = []
    private var segments: [Segment] = []
    /// Units to send again (skipped by the server after another read-only unit failed).
    private var retry: [PGPipelineChannel.Unit] = []
    private var lastConnectAttempt: ContinuousClock.Instant?
    /// Units that came while a reconnect waits out its back-off; sent (or failed) at the next attempt.
    private var held: [PGPipelineChannel.Unit] = []
    private var needsFlush = false

    init(settings: PGPipelineChannel.Settings) {
        self.settings = settings
    }

    /// Units in flight, held or to be sent again: what the loop balances new units on.
    var load: Int { segments.reduce(held.count + retry.count) { $0 + $1.units.count } }

    /// Whether nothing is in flight, held or to be sent again.
    var isIdle: Bool { segments.isEmpty && held.isEmpty && retry.isEmpty }

    /// Sends what the server skipped and what was held (once its back-off is over), then `units`, and
    /// pushes them out.
    func send(_ units: [PGPipelineChannel.Unit]) {
        var toSend = retry + units
        retry = []
        if !held.isEmpty && backOffLeft() == nil {
            toSend = held + toSend
            held = []
        }
        if !toSend.isEmpty { send(units: toSend) }
        if needsFlush { flush() }
    }

    /// The socket to poll while anything is in flight: for results, and for room while a flush is pending.
    func pollRequest() -> pollfd? {
        guard !segments.isEmpty, let handle = connection?.handle else { return nil }
        return pollfd(fd: PQsocket(handle), events: Int16(POLLIN | (needsFlush ? POLLOUT : 0)), revents: 0)
    }

    /// Acts on what `poll` reported for ``pollRequest()``.
    func handle(_ revents: Int16) {
        if needsFlush, revents & Int16(POLLOUT) != 0 { flush() }
        if revents & Int16(POLLIN | POLLERR | POLLHUP) != 0 { readResults() }
    }

    /// When the loop must look at this session at the latest: the oldest unit's timeout, or the end of
    /// the back-off while units are held.
    func deadline() -> ContinuousClock.Instant? {
        if let oldest = oldestSubmitted() { return oldest.advanced(by: settings.timeout) }
        if !held.isEmpty, let last = lastConnectAttempt { return last.advanced(by: settings.reconnectBackoff) }
        return nil
    }

    /// Gives the session up when its oldest unit has waited longer than the timeout.
    func expireIfLate(now: ContinuousClock.Instant) {
        if let oldest = oldestSubmitted(), now - oldest >= settings.timeout {
            lose("no answer from the server within the timeout")
        }
    }

    /// Fails everything pending with `error` and ends the session.
    func close(failing error: PGError) {
        failAll(error, plus: held + retry)
        held = []
        retry = []
        connection?.close()
        connection = nil
    }

    // MARK: sending

    private func send(units: [PGPipelineChannel.Unit]) {
        var ready: [PGPipelineChannel.Unit] = []
        for unit in units {
            if CStringArray.firstIndexWithNUL(unit.items.flatMap(\.values)) != nil {
                unit.completion(.failure(PGError(
                    kind: .query, sqlState: .characterNotInRepertoire,
                    serverMessage: "a bind parameter of the unit contains a NUL byte")))
            } else {
                ready.append(unit)
            }
        }
        guard !ready.isEmpty else { return }
        let handle: OpaquePointer
        switch openHandle() {
        case .open(let open):
            handle = open
        case .backingOff:
            held += ready  // a reconnect is due shortly: wait for it rather than fail now
            return
        case .unreachable:
            for unit in ready {
                unit.completion(.failure(PGError(kind: .unavailable, serverMessage: "the database cannot be reached")))
            }
            return
        }
        // Statements not yet prepared on this session: their Parse goes first, in a Sync of its own, so
        // no other unit's failure can skip it.
        var prepares = Segment()
        for unit in ready {
            for item in unit.items where connection?.preparedStatements[item.statement.name] == nil {
                guard preparing.insert(item.statement.name).inserted else { continue }
                guard PQsendPrepare(handle, item.statement.name, item.statement.sql, 0, nil) == 1 else {
                    return lose("could not send a Parse", plus: ready)
                }
                prepares.steps.append(.prepare(item.statement))
            }
        }
        // Segments join `segments` only once all is sent: on a failure `ready` fails as a whole.
        var sent: [Segment] = []
        if !prepares.steps.isEmpty {
            guard PQpipelineSync(handle) == 1 else { return lose("could not send a Sync", plus: ready) }
            sent.append(prepares)
        }
        // Every other unit gets a Sync of its own; then the read-only units, sharing one. The wire order
        // must be the segments' order: a read sent before a write's Sync would join that write's segment.
        for unit in ready where !unit.readOnly {
            guard let steps = sendStatements(of: unit, index: 0, on: handle), PQpipelineSync(handle) == 1 else {
                return lose("could not send a statement", plus: ready)
            }
            let pending = Pending(unit: unit, results: Array(repeating: nil, count: unit.items.count))
            sent.append(Segment(steps: steps, units: [pending]))
        }
        var shared = Segment()
        for unit in ready where unit.readOnly {
            guard let steps = sendStatements(of: unit, index: shared.units.count, on: handle) else {
                return lose("could not send a statement", plus: ready)
            }
            shared.steps += steps
            shared.units.append(Pending(unit: unit, results: Array(repeating: nil, count: unit.items.count)))
        }
        if !shared.units.isEmpty {
            guard PQpipelineSync(handle) == 1 else { return lose("could not send a Sync", plus: ready) }
            sent.append(shared)
        }
        segments += sent
        needsFlush = true
    }

    /// Sends `unit`'s statements (no Sync); returns their steps, filed as unit `index` of their segment,
    /// or nil when libpq could not queue one.
    private func sendStatements(of unit: PGPipelineChannel.Unit, index: Int, on handle: OpaquePointer) -> [Step]? {
        var steps: [Step] = []
        steps.reserveCapacity(unit.items.count)
        for (itemIndex, item) in unit.items.enumerated() {
            let sent = CStringArray.with(item.values) { pointers in
                PQsendQueryPrepared(
                    handle, item.statement.name, Int32(item.values.count), pointers, nil, nil,
                    item.statement.resultFormat.rawValue)
            }
            guard sent == 1 else { return nil }
            steps.append(.item(unit: index, item: itemIndex))
        }
        return steps
    }

    /// Pushes buffered commands out; what the socket does not take now goes when it is writable.
    private func flush() {
        guard let handle = connection?.handle else { return }
        switch PQflush(handle) {
        case 0: needsFlush = false
        case 1: needsFlush = true
        default: lose("could not send to the server")
        }
    }

    /// What ``openHandle()`` found.
    private enum Opening {
        case open(OpaquePointer)
        /// No session, and the next connect attempt is not due yet.
        case backingOff
        /// A connect attempt just failed.
        case unreachable
    }

    /// The session's handle, connecting first when there is none or it was lost while idle (at most
    /// once per back-off).
    private func openHandle() -> Opening {
        // With nothing in flight, a server that went away has left EOF (or a FATAL) on the socket: look
        // before sending, as the pool does at checkout, so a unit is not failed for an old loss.
        let alive = segments.isEmpty ? connection?.isAliveWhileIdle() : connection?.isOpen
        if let connection, alive == true, let handle = connection.handle { return .open(handle) }
        if connection != nil { lose("the connection to the server was lost") }
        if backOffLeft() != nil { return .backingOff }
        defer { lastConnectAttempt = .now }  // the back-off counts from the attempt's end (a connect can take seconds)
        guard let opened = try? PGConnection(conninfo: settings.conninfo), let handle = opened.handle else {
            return .unreachable
        }
        guard PQsetnonblocking(handle, 1) == 0, PQenterPipelineMode(handle) == 1 else {
            opened.close()
            return .unreachable
        }
        connection = opened
        preparing = []
        return .open(handle)
    }

    /// How long until the next connect attempt is allowed, or nil when it is now.
    private func backOffLeft() -> Duration? {
        guard let last = lastConnectAttempt else { return nil }
        let left = settings.reconnectBackoff - (ContinuousClock.now - last)
        return left > .zero ? left : nil
    }

    // MARK: reading

    private func oldestSubmitted() -> ContinuousClock.Instant? {
        segments.lazy.flatMap(\.units).filter { !$0.done }.map(\.unit.submitted).min()
    }

    /// Takes in what the server sent and hands over every unit whose results are complete.
    private func readResults() {
        guard let connection, let handle = connection.handle else { return }
        guard PQconsumeInput(handle) == 1 else { return lose("the connection to the server was lost") }
        while !segments.isEmpty, PQisBusy(handle) == 0 {
            guard let result = PQgetResult(handle) else {
                segments[0].position += 1  // the end of one command's results
                continue
            }
            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC {
                PQclear(result)
                finishSegment()
                continue
            }
            guard segments[0].position < segments[0].steps.count else {
                PQclear(result)
                return lose("more pipeline results than commands")
            }
            take(result, status: status, step: segments[0].steps[segments[0].position], on: handle)
        }
    }

    /// Files one result under its step.
    private func take(_ result: OpaquePointer, status: ExecStatusType, step: Step, on handle: OpaquePointer) {
        let succeeded = PGConnection.succeeded(status)
        switch step {
        case .prepare(let statement):
            preparing.remove(statement.name)
            if succeeded { connection?.preparedStatements[statement.name] = statement.sql }
            PQclear(result)
        case .item(let unit, let item):
            if succeeded {
                segments[0].units[unit].results[item] = PGResult(taking: result)
                completeIfDone(unit)
            } else if status == PGRES_PIPELINE_ABORTED {
                PQclear(result)
            } else {
                let error = PGConnection.failure(of: result, status: status, on: handle)
                PQclear(result)
                if segments[0].units[unit].error == nil { segments[0].units[unit].error = error }
            }
        }
    }

    /// Hands a unit its results as soon as the last one is in (before the Sync: a read's rows are final).
    private func completeIfDone(_ index: Int) {
        let pending = segments[0].units[index]
        guard !pending.done, pending.unit.readOnly, pending.error == nil else { return }
        guard pending.results.allSatisfy({ $0 != nil }) else { return }
        segments[0].units[index].done = true
        deliver(pending)
    }

    /// The Sync of the first segment arrived: every unit in it is answered, or sent again when the server
    /// skipped it after another unit's error.
    private func finishSegment() {
        let segment = segments.removeFirst()
        for pending in segment.units where !pending.done {
            if pending.error == nil, pending.results.contains(where: { $0 == nil }) {
                retry.append(pending.unit)  // skipped (PGRES_PIPELINE_ABORTED): nothing of it ran
            } else {
                deliver(pending)
            }
        }
    }

    private func deliver(_ pending: Pending) {
        if let error = pending.error {
            pending.unit.completion(.failure(error))
        } else {
            pending.unit.completion(.success(pending.results.dropFirst(pending.unit.settingsCount).map { $0! }))
        }
    }

    // MARK: failure

    /// Gives the session up: every unit in flight (and `plus`) fails with `.unavailable`.
    private func lose(_ reason: String, plus: [PGPipelineChannel.Unit] = []) {
        let message = connection?.handle.map { String(cString: PQerrorMessage($0)) } ?? ""
        connection?.close()
        connection = nil
        preparing = []
        needsFlush = false
        let error = PGError(kind: .unavailable, serverMessage: message.isEmpty ? reason : "\(reason): \(message)")
        failAll(error, plus: plus)
    }

    private func failAll(_ error: PGError, plus: [PGPipelineChannel.Unit]) {
        let inFlight = segments.flatMap(\.units).filter { !$0.done }.map(\.unit)
        segments = []
        for unit in inFlight + plus { unit.completion(.failure(error)) }
    }
}
