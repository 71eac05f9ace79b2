import Glibc
import ObjectStore

extension ServiceConfiguration {
    /// Reads `STREAMJOBS_OBJECT_ROOT` (default `.local/objects`, relative to the working directory):
    /// it must not name something other than a directory. The directory is created at start-up.
    static func objectRoot(_ env: inout EnvironmentReader) -> String {
        let key = "STREAMJOBS_OBJECT_ROOT"
        let root = EngineConfiguration.absolute(env.string(key, default: ".local/objects"))
        guard root.utf8.count <= 4096 else {
            env.report("\(key): must be at most 4096 bytes")
            return root
        }
        var info = stat()
        if stat(root, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            env.report("\(key)=\(root.prefix(80)): exists and is not a directory")
        }
        return root
    }

    /// The object store at `objectRoot`, creating the folder when missing.
    /// - Throws: `ConfigurationError` when it cannot be created, is not a directory, or this user cannot
    ///   read and write it.
    func openObjectStore() throws(ConfigurationError) -> FileObjectStore {
        let store: FileObjectStore
        do {
            store = try FileObjectStore(root: objectRoot)
        } catch {
            throw ConfigurationError(problems: ["STREAMJOBS_OBJECT_ROOT=\(objectRoot.prefix(80)): \(error.description)"])
        }
        guard access(objectRoot, R_OK | W_OK | X_OK) == 0 else {
            let reason = String(cString: strerror(errno))
            throw ConfigurationError(problems: [
                "STREAMJOBS_OBJECT_ROOT=\(objectRoot.prefix(80)): not readable and writable by this user: \(reason)"
            ])
        }
        return store
    }
}
