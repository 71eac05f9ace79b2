import Synchronization

/// Several ``PGPipelineChannel``s (threads, each driving its sessions), for pipelined work on more than
/// one CPU: a unit goes to the channel with the fewest units unanswered (ties in turn).
public final class PGPipelineGroup: Sendable {
    private let channels: [PGPipelineChannel]
    private let next = Atomic<Int>(0)

    /// Starts the channels; their sessions open with their first units.
    /// - Parameters:
    ///   - conninfo: the libpq connection string.
    ///   - threads: channels (threads), at least 1.
    ///   - sessionsPerThread: PostgreSQL sessions each thread drives, at least 1.
    ///   - timeout: the longest a unit may wait for its results (see ``PGPipelineChannel``).
    public init(conninfo: String, threads: Int, sessionsPerThread: Int, timeout: Duration = .seconds(30)) {
        precondition(threads > 0 && sessionsPerThread > 0, "a pipeline group needs a thread and a session")
        channels = (0..<threads).map { _ in
            PGPipelineChannel(conninfo: conninfo, sessions: sessionsPerThread, timeout: timeout)
        }
    }

    /// Submits a unit to the least busy channel (see ``PGPipelineChannel/submit(_:localSettings:readOnly:completion:)``).
    public func submit(
        _ batch: PGBatch, localSettings: [PGLocalSetting] = [], readOnly: Bool,
        completion: @escaping PGPipelineChannel.Completion
    ) {
        leastBusy().submit(batch, localSettings: localSettings, readOnly: readOnly, completion: completion)
    }

    /// The channel with the fewest units unanswered; the search starts at a rotating one, so ties spread.
    private func leastBusy() -> PGPipelineChannel {
        let start = next.add(1, ordering: .relaxed).oldValue
        var best = channels[start % channels.count]
        var bestLoad = best.load
        for offset in 1..<max(channels.count, 1) where bestLoad > 0 {
            let candidate = channels[(start + offset) % channels.count]
            let load = candidate.load
            if load < bestLoad {
                best = candidate
                bestLoad = load
            }
        }
        return best
    }

    /// Closes every channel (units not yet answered fail with `.closed`).
    public func close() {
        for channel in channels { channel.close() }
    }
}
