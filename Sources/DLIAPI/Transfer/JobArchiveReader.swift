import JSONCodec
import JobDomain
import ZipArchive

/// One archive opened for reading its job definitions one entry at a time: its structure is checked
/// when it is opened, and each entry is inflated, decoded, handed on and dropped in turn, so only one
/// definition is ever in memory.
struct JobArchiveReader {
    /// The archive, for messages.
    let archive: String
    private let directory: ZipDirectory

    /// - Throws: 400 `DLI.0001` naming `zip_file` when the archive is not a usable zip archive within `limits`.
    init(_ bytes: [UInt8], archive: String, limits: ArchiveLimits) throws(APIError) {
        self.archive = archive
        do {
            directory = try ZipReader.directory(of: bytes, limits: limits.zip)
        } catch {
            throw .invalidParameter("zip_file", "'\(archive)' is not a usable zip archive (\(error.description))")
        }
    }

    /// The job entries as the central directory declares them (names, sizes, checksums): enough to
    /// tell that an archive read again is the one checked before.
    var jobEntries: [ZipEntryInfo] { directory.entries.filter { !$0.isDirectory } }

    /// Calls `body` with each definition in turn, each admitted to `budget` before it is inflated.
    /// - Throws: 400 `DLI.0001` naming `zip_file`, the archive and the entry: a limit, a bad entry name,
    ///   a corrupt entry or an invalid definition; or what `body` throws.
    func forEachDefinition(budget: inout ArchiveBudget, _ body: (JobArchive.Definition) throws(APIError) -> Void)
        throws(APIError)
    {
        for (index, entry) in directory.entries.enumerated() where !entry.isDirectory {
            let source = "'\(archive)' entry '\(entry.name)'"
            guard entry.name.hasSuffix(".json"), let id = JobID(decimal: String(entry.name.dropLast(5))) else {
                throw .invalidParameter("zip_file", "\(source) is not named <job_id>.json")
            }
            do {
                try budget.admit(entryBytes: entry.uncompressedSize)
            } catch {
                throw .invalidParameter("zip_file", Self.describe(error, at: source))
            }
            let contents: [UInt8]
            do {
                contents = try directory.contents(of: index)
            } catch {
                throw .invalidParameter("zip_file", "'\(archive)' is not a usable zip archive (\(error.description))")
            }
            let job = try JobArchive.decode(contents, source: source)
            try body(JobArchive.Definition(oldID: id, job: job, source: source))
        }
    }

    /// The reason an import passing a limit is refused.
    private static func describe(_ exceeded: ArchiveBudget.Exceeded, at source: String) -> String {
        switch exceeded {
        case .jobs(let limit): return "holds more than \(limit) jobs"
        case .entryBytes(let limit): return "\(source) is larger than \(limit) bytes uncompressed"
        case .totalBytes(let limit):
            return "holds more than \(limit) bytes of job definitions uncompressed (reached at \(source)); "
                + "import fewer archives at a time"
        }
    }
}
