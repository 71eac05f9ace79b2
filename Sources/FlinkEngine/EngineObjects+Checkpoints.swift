import JobDomain
import ObjectStore

// Finding a job's retained checkpoints on disk, inside its project's space only.
extension EngineObjects {
    /// The highest complete checkpoint in `<base>/<id>/`: a directory `chk-<N>` holding a regular file
    /// `_metadata` (Flink writes it last, through a temporary file, and deletes it first when it
    /// discards a checkpoint). Entries that are not such directories, a `_metadata.inprogress`, and
    /// symbolic links leading out of the project's space are ignored. Returns `<base>/<id>/chk-<N>`, or
    /// nil when there is none or the folder does not exist.
    /// - Throws: `EngineError.invalidJob` for a malformed base or one outside the project's space.
    func latestCheckpoint(under base: String, of id: EngineJobID, project: ProjectID) throws(EngineError) -> String? {
        let folder: ObjectPath
        do {
            folder = try ObjectPath(parsing: base).appending(id.rawValue)
        } catch {
            throw .invalidJob("\(base.prefix(128)): not an obs://bucket/key location")
        }
        let space = try space(of: project)
        let entries: [ObjectStoreEntry]
        do {
            entries = try space.list(folder)
        } catch {
            if case .notFound = error { return nil }
            if case .notADirectory = error { return nil }
            throw .invalidJob("\(folder): \(error)")
        }
        var best: (number: Int, path: ObjectPath)?
        for entry in entries where entry.kind == .directory {
            guard let number = Self.checkpointNumber(entry.name), number > (best?.number ?? -1),
                let directory = try? folder.appending(entry.name),
                let inside = try? space.list(directory),
                inside.contains(where: { $0.name == "_metadata" && $0.kind == .file })
            else { continue }
            best = (number, directory)
        }
        return best.map { $0.path.description }
    }

    /// N of a directory named `chk-N` (decimal digits only), else nil.
    static func checkpointNumber(_ name: String) -> Int? {
        guard name.hasPrefix("chk-") else { return nil }
        let digits = name.dropFirst(4)
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}
