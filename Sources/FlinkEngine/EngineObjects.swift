import Foundation
import JobDomain
import ObjectStore

/// Object locations (`obs://bucket/key` or `bucket/key`) as the local paths and `file://` URLs Flink
/// reads, through the shared `FileObjectStore`: one mapping (and one guard against escaping the
/// root, symbolic links included) for export/import and for jobs.
struct EngineObjects: Sendable {
    let store: FileObjectStore?
    let root: String

    init(root: String) {
        self.root = root
        store = try? FileObjectStore(root: root)
    }

    /// The local path of an object.
    /// - Throws: `EngineError.invalidJob` for a malformed location, one outside the root, or a missing
    ///   object when `mustExist`.
    func path(of location: String, mustExist: Bool = true) throws(EngineError) -> String {
        if location.hasPrefix("file:") { throw .invalidJob("\(location): only obs:// locations are allowed") }
        guard let store else { throw .invalidJob("the object store root \(root) cannot be opened") }
        let object: ObjectPath
        do {
            object = try ObjectPath(parsing: location)
        } catch {
            throw .invalidJob("\(location): not a valid obs://bucket/key location")
        }
        do {
            if mustExist, try store.kind(of: object) == nil { throw EngineError.invalidJob("\(location): no such object") }
            return try store.localPath(for: object)
        } catch let error as EngineError {
            throw error
        } catch {
            throw .invalidJob("\(location): \(error)")
        }
    }

    /// The `file://` URL Flink reads and writes for a directory location (savepoints, checkpoints),
    /// creating the directory. Locations come from clients (`checkpoint_path`, a trigger's
    /// `savepoint_path`), so `file:` ones are refused like in `path(of:)`: Flink would write anywhere.
    /// - Throws: `EngineError.invalidJob` as `path(of:)` does.
    func directoryURL(of location: String) throws(EngineError) -> String {
        let dir = try path(of: location, mustExist: false)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return "file://" + dir
    }
}
