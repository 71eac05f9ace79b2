import Synchronization

/// ``PGPipelineChannel``s (one session and one thread each) in two lanes: readers, whose read-only units
/// batch together, and writers, whose units commit one by one per session, so several writers let
/// PostgreSQL share WAL flushes between concurrent commits (group commit). Each lane is used in turn,
/// except that a write-lane unit submitted from a writer's own thread (the next step of work that
/// writer's completion continues) stays on that writer: no thread has to be woken for it.
public final class PGPipelineGroup: Sendable {
    /// Which sessions a unit goes to.
    public enum Lane: Sendable {
        /// The readers: read-only units that batch with other requests' reads.
        case read
        /// The writers: writes, and the reads a write decides on (kept on the writer that commits).
        case write
    }

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

    /// Submits a unit to a channel of `lane` (see ``PGPipelineChannel/submit(_:localSettings:readOnly:completion:)``).
    /// - Parameters:
    ///   - lane: readers or writers; by default readers for read-only units, else writers.
    public func submit(
        _ batch: PGBatch, localSettings: [PGLocalSetting] = [], readOnly: Bool, lane: Lane? = nil,
        completion: @escaping PGPipelineChannel.Completion
    ) {
        channel(for: lane ?? (readOnly ? .read : .write))
            .submit(batch, localSettings: localSettings, readOnly: readOnly, completion: completion)
    }

    /// The writer whose thread is calling for the write lane, else the lane's next channel in turn.
    private func channel(for lane: Lane) -> PGPipelineChannel {
        switch lane {
        case .read:
            return readers[nextReader.add(1, ordering: .relaxed).oldValue % readers.count]
        case .write:
            if let current = writers.first(where: \.isCurrentThread) { return current }
            return writers[nextWriter.add(1, ordering: .relaxed).oldValue % writers.count]
        }
    }

    /// Closes every channel (units not yet answered fail with `.closed`).
    public func close() {
        for channel in readers + writers { channel.close() }
    }
}
