import Synchronization

/// ``PGPipelineChannel``s (one session and one thread each) in two sets: readers, whose read-only units
/// batch together, and writers, whose units commit one by one per session, so several writers let
/// PostgreSQL share WAL flushes between concurrent commits (group commit). Each set is used in turn.
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

    /// Submits a unit to the next reader (`readOnly`) or writer in turn (see
    /// ``PGPipelineChannel/submit(_:localSettings:readOnly:completion:)``).
    public func submit(
        _ batch: PGBatch, localSettings: [PGLocalSetting] = [], readOnly: Bool,
        completion: @escaping PGPipelineChannel.Completion
    ) {
        let channels = readOnly ? readers : writers
        let turn =
            readOnly
            ? nextReader.add(1, ordering: .relaxed).oldValue : nextWriter.add(1, ordering: .relaxed).oldValue
        let index = turn % channels.count
        channels[index].submit(batch, localSettings: localSettings, readOnly: readOnly, completion: completion)
    }

    /// Closes every channel (units not yet answered fail with `.closed`).
    public func close() {
        for channel in readers + writers { channel.close() }
    }
}
