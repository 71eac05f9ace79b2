import Synchronization

/// Several ``PGPipelineChannel``s (one session and one thread each) used in turn, so pipelined work
/// can use more than one PostgreSQL backend.
public final class PGPipelineGroup: Sendable {
    private let channels: [PGPipelineChannel]
    private let next = Atomic<Int>(0)

    /// Starts `count` channels; their sessions open with their first units.
    /// - Parameters:
    ///   - conninfo: the libpq connection string.
    ///   - count: how many channels (sessions), at least 1.
    ///   - timeout: the longest a unit may wait for its results (see ``PGPipelineChannel``).
    public init(conninfo: String, count: Int, timeout: Duration = .seconds(30)) {
        precondition(count > 0, "a pipeline group needs at least one channel")
        channels = (0..<count).map { _ in PGPipelineChannel(conninfo: conninfo, timeout: timeout) }
    }

    /// How many channels the group has.
    public var count: Int { channels.count }

    /// Submits a unit to the next channel in turn (see ``PGPipelineChannel/submit(_:localSettings:readOnly:completion:)``).
    public func submit(
        _ batch: PGBatch, localSettings: [PGLocalSetting] = [], readOnly: Bool,
        completion: @escaping PGPipelineChannel.Completion
    ) {
        let index = next.add(1, ordering: .relaxed).oldValue % channels.count
        channels[index].submit(batch, localSettings: localSettings, readOnly: readOnly, completion: completion)
    }

    /// Closes every channel (units not yet answered fail with `.closed`).
    public func close() {
        for channel in channels { channel.close() }
    }
}
