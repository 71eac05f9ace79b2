import Synchronization

/// ``PGPipelineChannel``s (one session and one thread each) in two lanes: readers, whose read-only units
/// batch together, and writers, whose units commit one by one per session, so several writers let
/// PostgreSQL share WAL flushes between concurrent commits (group commit). Readers are used in turn; a
/// write goes to the writer with the fewest units unanswered, so it does not queue behind another
/// session's commit while a session is idle.
public final class PGPipelineGroup: Sendable {
    private let readers: [PGPipelineChannel]
    private let writers: [PGPipelineChannel]
    private let nextReader = Atomic<Int>(0)
    private let nextWriter = Atomic<Int>(0)

    /// Starts the channels; their sessions open with their first units.
    /// - Parameters:
    ///   - conninfo: the libpq connection string.
    ///   - readers: channels for read-only units, at least 1.
    ///   - writers: channels for the other units, at least 1.
    ///   - timeout: the longest a unit may wait for its results (see ``PGPipelineChannel``).
    public init(conninfo: String, readers: Int, writers: Int, timeout: Duration = .seconds(30)) {
        precondition(readers > 0 && writers > 0, "a pipeline group needs a reader and a writer")
        self.readers = (0..<readers).map { _ in PGPipelineChannel(conninfo: conninfo, timeout: timeout) }
        self.writers = (0..<writers).map { _ in PGPipelineChannel(conninfo: conninfo, timeout: timeout) }
    }

    /// How many sessions the group holds.
    public var count: Int { readers.count + writers.count }

    /// Submits a unit: a read-only one to the next reader, any other to the least busy writer (see
    /// ``PGPipelineChannel/submit(_:localSettings:readOnly:completion:)``).
    public func submit(
        _ batch: PGBatch, localSettings: [PGLocalSetting] = [], readOnly: Bool,
        completion: @escaping PGPipelineChannel.Completion
    ) {
        let channel = readOnly ? readers[nextReader.add(1, ordering: .relaxed).oldValue % readers.count] : leastBusyWriter()
        channel.submit(batch, localSettings: localSettings, readOnly: readOnly, completion: completion)
    }

    /// The writer with the fewest units unanswered; the search starts at a rotating writer, so ties spread.
    private func leastBusyWriter() -> PGPipelineChannel {
        let start = nextWriter.add(1, ordering: .relaxed).oldValue
        var best = writers[start % writers.count]
        var bestLoad = best.load
        for offset in 1..<max(writers.count, 1) where bestLoad > 0 {
            let candidate = writers[(start + offset) % writers.count]
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
        for channel in readers + writers { channel.close() }
    }
}
