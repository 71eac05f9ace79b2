/// A job waiting for task slots: how many it needs and holds, and how many the cluster has.
public struct SlotShortage: Sendable, Equatable {
    /// Slots the job needs (its highest operator parallelism, as its tasks share slots).
    public var needed: Int
    /// Slots already allocated to the job.
    public var held: Int
    /// Free slots of the cluster now.
    public var available: Int
    /// All slots of the cluster's TaskManagers.
    public var total: Int

    public init(needed: Int, held: Int, available: Int, total: Int) {
        self.needed = needed
        self.held = held
        self.available = available
        self.total = total
    }
}
