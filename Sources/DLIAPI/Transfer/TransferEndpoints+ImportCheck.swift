import JobDomain
import ObjectStore
import ZipArchive

extension TransferEndpoints {
    /// What the first pass of an import keeps of one archive: its path and its job entries as the
    /// central directory declares them (names, sizes, checksums), never their contents.
    struct CheckedArchive {
        var path: ObjectPath
        var jobEntries: [ZipEntryInfo]
    }

    /// The first pass of an import: reads every archive and decodes every definition, one entry at a
    /// time, counting jobs and uncompressed bytes over the whole request (`limits`) before each entry is
    /// inflated; stops at the first problem. Keeps only small facts: the entries of each archive and
    /// the job names seen (a name defined twice is refused).
    /// - Throws: 400 `DLI.0001` naming `zip_file`, the archive and the entry.
    func checkArchives(_ archives: [ObjectPath]) throws(APIError) -> [CheckedArchive] {
        var budget = ArchiveBudget(limits)
        var sources: [String: String] = [:]
        var checked: [CheckedArchive] = []
        for path in archives {
            let archive = try JobArchiveReader(try readArchive(path), archive: path.description, limits: limits)
            try archive.forEachDefinition(budget: &budget) { (definition) throws(APIError) in
                let (name, source) = (definition.job.name, definition.source)
                if let first = sources.updateValue(source, forKey: name) {
                    throw .invalidParameter("zip_file", "\(source) defines job '\(name)' again (first in \(first))")
                }
            }
            checked.append(CheckedArchive(path: path, jobEntries: archive.jobEntries))
        }
        return checked
    }

    /// The bytes of one archive file, at most `limits.maxArchiveBytes`.
    func readArchive(_ path: ObjectPath) throws(APIError) -> [UInt8] {
        try storeCall("zip_file") { () throws(ObjectStoreError) in
            try store.read(path, maxBytes: limits.maxArchiveBytes)
        }
    }
}
