import ZipArchive

/// The bounds on the archives of one export or import request, shared by both so that export never
/// writes what import refuses. Jobs and bytes are counted over the whole request (every archive of an
/// imported folder), not per archive.
public struct ArchiveLimits: Sendable, Equatable {
    /// Most jobs (entries other than directories).
    public var maxJobs: Int
    /// Largest job definition, uncompressed.
    public var maxEntryBytes: Int
    /// Largest sum of job definitions, uncompressed.
    public var maxTotalBytes: Int
    /// Largest archive file read.
    public var maxArchiveBytes: Int
    /// Most archives one import reads from a folder.
    public var maxArchives: Int

    /// - Parameters:
    ///   - maxJobs: default 1000.
    ///   - maxEntryBytes: default 8 MiB (a 1 Mi-character SQL body in UTF-8 and the rest).
    ///   - maxTotalBytes: default 64 MiB.
    ///   - maxArchiveBytes: default 64 MiB.
    ///   - maxArchives: default 100.
    public init(
        maxJobs: Int = 1000, maxEntryBytes: Int = 8 << 20, maxTotalBytes: Int = 64 << 20,
        maxArchiveBytes: Int = 64 << 20, maxArchives: Int = 100
    ) {
        self.maxJobs = maxJobs
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxArchiveBytes = maxArchiveBytes
        self.maxArchives = maxArchives
    }

    /// What `ZipReader` checks in one archive before inflating anything (none looser than the request's).
    var zip: ZipLimits { ZipLimits(maxEntries: maxJobs, maxEntryBytes: maxEntryBytes, maxTotalBytes: maxTotalBytes) }
}
