/// An engine's identifier of a running job: for Flink, 32 lowercase hex digits.
public struct EngineJobID: Hashable, Sendable, CustomStringConvertible {
    /// The identifier as the engine spells it.
    public let rawValue: String

    /// Wraps an identifier; nil when it is not 32 hex digits.
    public init?(_ text: String) {
        let utf8 = text.utf8
        guard utf8.count == 32, utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return nil }
        rawValue = text
    }

    public var description: String { rawValue }

    /// The id StreamJobs gives the engine job that carries out the work recorded at `workVersion`.
    ///
    /// Deterministic, so a submission repeated after a crash or a lost lease names the same engine job and
    /// the engine refuses it as a duplicate: each piece of submit work starts at most one engine job.
    /// Two FNV-1a 64-bit hashes with different offsets, printed as 32 hex digits.
    public static func derived(project: ProjectID, job: JobID, workVersion: Int64) -> EngineJobID {
        let key = Array("streamjobs/\(project.rawValue)/\(job.rawValue)/\(workVersion)".utf8)
        func fnv(_ offset: UInt64) -> UInt64 {
            key.reduce(offset) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        }
        func hex(_ v: UInt64) -> String {
            let digits = String(v, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return EngineJobID(hex(fnv(0xcbf2_9ce4_8422_2325)) + hex(fnv(0x84222325_cbf29ce4)))!
    }
}
