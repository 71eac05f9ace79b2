/// A project's settings (an extension beyond DLI, `…/streaming/settings`). A project that never set
/// one has every setting at its default.
public struct ProjectSettings: Sendable, Equatable {
    /// How many days a deleted job is kept before the purger removes it, or nil (the default): kept
    /// forever, as DLI keeps the records of deleted jobs.
    public var deletedJobRetentionDays: Int?

    /// The accepted retention periods, in days (ten years at most).
    public static let retentionDays: ClosedRange<Int> = 1...3650

    public init(deletedJobRetentionDays: Int? = nil) {
        self.deletedJobRetentionDays = deletedJobRetentionDays
    }
}
