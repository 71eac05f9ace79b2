import Synchronization

/// Set once a write that carried its request's audit record has committed, so the API knows that record
/// exists and writes no second one. Shared by reference between the request path and the repository
/// (which may complete on another thread); it only ever goes from unset to set.
public final class AuditMarker: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Records that a write carrying the audit record committed.
    public func set() { flag.store(true, ordering: .releasing) }

    /// Whether a write carrying the audit record committed.
    public var isSet: Bool { flag.load(ordering: .acquiring) }
}
