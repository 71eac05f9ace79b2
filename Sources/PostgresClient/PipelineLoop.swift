import Glibc

/// The thread of a ``PGPipelineChannel``: takes submitted units, spreads them over the channel's
/// sessions, and sleeps in one `poll` on the wake pipe and every session's socket.
///
/// The first session takes the read-only units (those taken together share a Sync there, and reads that
/// come while it is busy wait to go with the next batch: one backend, big batches). Every other unit goes
/// to the least loaded of the other sessions, so a write does not queue behind another one's commit
/// while a session is free, and concurrent commits on several sessions let PostgreSQL share WAL flushes.
/// With one session it takes everything. One thread drives them all: no thread is woken per session.
final class PipelineLoop {
    private let channel: PGPipelineChannel
    private let sessions: [PipelineSession]
    /// Where writes go: every session but the first (the reads'), or the only one.
    private let writeSessions: Range<Int>

    init(channel: PGPipelineChannel) {
        self.channel = channel
        sessions = (0..<channel.settings.sessions).map { _ in PipelineSession(settings: channel.settings) }
        writeSessions = sessions.count > 1 ? 1..<sessions.count : 0..<1
    }

    /// Runs until the channel is closed.
    func run() {
        while true {
            let (units, closed) = channel.inbox.withLock { inbox in
                defer { inbox.units = [] }
                return (inbox.units, inbox.closed)
            }
            if closed {
                let error = PGError(kind: .closed, serverMessage: "the pipeline channel was closed")
                for session in sessions { session.close(failing: error) }
                for unit in units { unit.completion(.failure(error)) }
                return
            }
            for (session, assigned) in zip(sessions, assign(units)) { session.send(assigned) }
            wait()
        }
    }

    /// The units for each session: the reads to the first, each other unit to the least loaded write
    /// session at that point.
    private func assign(_ units: [PGPipelineChannel.Unit]) -> [[PGPipelineChannel.Unit]] {
        var assigned = [[PGPipelineChannel.Unit]](repeating: [], count: sessions.count)
        guard !units.isEmpty else { return assigned }
        var loads = writeSessions.map { sessions[$0].load }
        for unit in units {
            if unit.readOnly {
                assigned[0].append(unit)
            } else {
                let slot = loads.indices.min { loads[$0] < loads[$1] }!
                assigned[writeSessions.lowerBound + slot].append(unit)
                loads[slot] += 1
            }
        }
        return assigned
    }

    /// Sleeps until a session's socket is ready, a unit is submitted, or a session's deadline passes.
    private func wait() {
        var fds = [pollfd(fd: channel.wakeFD, events: Int16(POLLIN), revents: 0)]
        var owners: [Int] = []
        for (index, session) in sessions.enumerated() {
            if let request = session.pollRequest() {
                fds.append(request)
                owners.append(index)
            }
        }
        // Say when a submit must wake this thread: any unit when nothing is pending, a read when the
        // read session is free, a write when a write session is free. Work already there goes now.
        let idle = sessions.allSatisfy(\.isIdle)
        let readerFree = sessions[0].isIdle
        let writerFree = writeSessions.contains { sessions[$0].isIdle }
        let hasWork = channel.inbox.withLock { inbox in
            let quiet = inbox.units.isEmpty && !inbox.closed
            inbox.idle = idle && quiet
            inbox.readerFree = readerFree && quiet
            inbox.writerFree = writerFree && quiet
            return !quiet
        }
        if hasWork { return }
        var timeoutMillis: Int32 = -1
        if let deadline = sessions.compactMap({ $0.deadline() }).min() {
            let now = ContinuousClock.now
            guard deadline > now else {
                for session in sessions { session.expireIfLate(now: now) }
                return
            }
            let left = deadline - now
            timeoutMillis = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
        }
        guard poll(&fds, nfds_t(fds.count), timeoutMillis) > 0 else { return }
        if fds[0].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            _ = read(channel.wakeFD, &drain, drain.count)
        }
        for (offset, index) in owners.enumerated() where fds[offset + 1].revents != 0 {
            sessions[index].handle(fds[offset + 1].revents)
        }
    }
}
