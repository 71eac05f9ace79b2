import Foundation
import JobDomain
import ObjectStore

/// Object locations (`obs://bucket/key` or `bucket/key`) as the local paths and `file://` URLs Flink
/// reads and writes, always through the job's own project space (`FileObjectStore.project(_:)`): one
/// mapping, and one guard against leaving that space (symbolic links included), for every location
/// that reaches the engine. No other location is ever handed to Flink.
struct EngineObjects: Sendable {
    let store: FileObjectStore?
    let root: String

    /// The bucket in each project's space where the service writes what the client gave no location
    /// for: `savepoints/` (stop-with-savepoint, triggered savepoints) and `checkpoints/`.
    static let stateBucket = "streamjobs-state"

    init(root: String) {
        self.root = root
        store = try? FileObjectStore(root: root)
    }

    /// The project's own store.
    /// - Throws: `EngineError.invalidJob` when the root or the project's folder cannot be opened.
    func space(of project: ProjectID) throws(EngineError) -> FileObjectStore {
        guard let store else { throw .invalidJob("the object store root cannot be opened") }
        do {
            return try store.project(project.rawValue)
        } catch {
            throw .invalidJob("the project's object space cannot be opened (\(error))")
        }
    }

    /// The local path of an object of `project`.
    /// - Throws: `EngineError.invalidJob` for a malformed location, one that leaves the project's
    ///   space, or a missing object when `mustExist`.
    func path(of location: String, project: ProjectID, mustExist: Bool = true) throws(EngineError) -> String {
        let object: ObjectPath
        do {
            object = try ObjectPath(parsing: location)
        } catch {
            throw .invalidJob("\(location.prefix(128)): not an obs://bucket/key location")
        }
        let space = try space(of: project)
        do {
            if mustExist, try space.kind(of: object) == nil { throw EngineError.invalidJob("\(object): no such object") }
            return try space.localPath(for: object)
        } catch let error as EngineError {
            throw error
        } catch {
            throw .invalidJob("\(object): \(error)")
        }
    }

    /// The `file://` URL Flink reads and writes for a directory location of `project` (savepoints,
    /// checkpoints), creating the directory.
    /// - Throws: `EngineError.invalidJob` as `path(of:project:mustExist:)` does.
    func directoryURL(of location: String, project: ProjectID) throws(EngineError) -> String {
        let dir = try path(of: location, project: project, mustExist: false)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return "file://" + dir
    }

    /// The URL of the project's default folder `what` (`savepoints`, `checkpoints`) in ``stateBucket``.
    func defaultDirectoryURL(_ what: String, project: ProjectID) throws(EngineError) -> String {
        try directoryURL(of: "obs://\(Self.stateBucket)/\(what)", project: project)
    }

    /// The `file://` URL of a savepoint to resume `project`'s job from: an object location of the
    /// project (as clients import them and as ``objectLocation(ofEngine:project:)`` records them). A
    /// location outside the project's space (e.g. a savepoint recorded before per-project spaces) is
    /// refused with the reason, never handed to Flink.
    func savepointURL(of location: String, project: ProjectID) throws(EngineError) -> String {
        if location.hasPrefix("file:") {
            throw .invalidJob(
                "the savepoint is not in the project's object space; move it there and import it with import-savepoint")
        }
        return "file://" + (try path(of: location, project: project))
    }

    /// A location Flink reported (a completed savepoint, `file:/…`) as the project's object location
    /// (`obs://bucket/key`), or the text unchanged when it is not inside the project's space.
    func objectLocation(ofEngine location: String, project: ProjectID) -> String {
        guard let space = try? space(of: project), let object = space.objectPath(ofLocal: location) else { return location }
        return object.description
    }
}
