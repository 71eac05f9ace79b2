/// What one request has used of its `ArchiveLimits`: each job definition is admitted before it is
/// inflated (import) or added to the archive (export), so the first one over a limit stops the request.
struct ArchiveBudget {
    /// The limit an entry would pass.
    enum Exceeded: Error, Equatable {
        case jobs(limit: Int)
        case entryBytes(limit: Int)
        case totalBytes(limit: Int)
    }

    let limits: ArchiveLimits
    /// Jobs admitted so far.
    private(set) var jobs = 0
    /// Uncompressed bytes admitted so far.
    private(set) var totalBytes = 0

    init(_ limits: ArchiveLimits) {
        self.limits = limits
    }

    /// Counts one job definition of `bytes` uncompressed bytes, or throws (counting nothing) when that
    /// would pass a limit.
    mutating func admit(entryBytes bytes: Int) throws(Exceeded) {
        guard jobs < limits.maxJobs else { throw .jobs(limit: limits.maxJobs) }
        guard bytes <= limits.maxEntryBytes else { throw .entryBytes(limit: limits.maxEntryBytes) }
        guard bytes <= limits.maxTotalBytes - totalBytes else { throw .totalBytes(limit: limits.maxTotalBytes) }
        jobs += 1
        totalBytes += bytes
    }
}
