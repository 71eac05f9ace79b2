#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import WaitRule

/// An object store on the local file system: `bucket/a/b` is the file `<root>/bucket/a/b`.
///
/// Nothing outside the root is ever read or written: every path is resolved component by component
/// from the canonical root, a symbolic link is followed only when its `realpath` stays inside the
/// root, and files are opened with `O_NOFOLLOW` once resolved. Clients cannot create links through
/// this type, so the root's contents are under the operator's control.
///
/// The Flink engine resolves `obs://bucket/key` references of Jar jobs (`entrypoint`,
/// `dependency_jars`) with `localPath(for:)`.
public struct FileObjectStore: Sendable {
    /// The canonical (`realpath`) root directory.
    public let root: String

    /// Opens the store at `root`, creating the directory (and its parents) when missing.
    /// - Throws: `ObjectStoreError.notADirectory` when `root` is something else, `.io` when it cannot be created.
    public init(root: String) throws(ObjectStoreError) {
        guard !root.isEmpty, !root.utf8.contains(0) else { throw .notADirectory }
        try FileSystem.makeDirectories(root)
        guard let real = FileSystem.realPath(root) else { throw .io(operation: "realpath", errno: errno) }
        guard FileSystem.kind(real, followLinks: true) == .directory else { throw .notADirectory }
        self.root = real
    }

    /// The local file path of `path` below the root, whether or not it exists yet.
    ///
    /// Use it to hand an object to a program that reads files (e.g. a Jar to Flink); the result is an
    /// absolute path inside `root`.
    /// - Throws: `ObjectStoreError.escapesRoot` when a symbolic link on the way leads outside the root,
    ///   `.notADirectory` when a parent is a file.
    public func localPath(for path: ObjectPath) throws(ObjectStoreError) -> String {
        let resolved = try resolve(path)
        return ([resolved.existing] + resolved.missing).joined(separator: "/")
    }

    /// What `path` names, or nil when nothing exists there.
    public func kind(of path: ObjectPath) throws(ObjectStoreError) -> ObjectKind? {
        let resolved = try resolve(path)
        guard resolved.missing.isEmpty else { return nil }
        return FileSystem.kind(resolved.existing, followLinks: false)
    }

    /// Whether `path` is an existing directory.
    public func isDirectory(_ path: ObjectPath) throws(ObjectStoreError) -> Bool {
        try kind(of: path) == .directory
    }

    /// The contents of the file at `path`.
    /// - Parameter maxBytes: larger files are refused without being read.
    /// - Throws: `ObjectStoreError.notFound`, `.notAFile`, `.tooLarge`, `.escapesRoot`, `.io`.
    public func read(_ path: ObjectPath, maxBytes: Int) throws(ObjectStoreError) -> [UInt8] {
        let resolved = try resolve(path)
        guard resolved.missing.isEmpty else { throw .notFound }
        return try FileSystem.readFile(resolved.existing, maxBytes: maxBytes)
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed, then
    /// renamed over the target (or, when not `replacing`, linked to it, which fails if it exists).
    /// Missing parent directories are created.
    /// - Throws: `ObjectStoreError.notADirectory` (a parent is a file), `.notAFile` (the target is a
    ///   directory), `.alreadyExists` (not `replacing`), `.escapesRoot`, `.io`.
    public func write(_ bytes: [UInt8], to path: ObjectPath, replacing: Bool = true) throws(ObjectStoreError) {
        let resolved = try resolve(path)
        if !replacing, resolved.missing.isEmpty { throw .alreadyExists }
        var directory = resolved.existing
        var missing = resolved.missing
        let name: String
        if let last = missing.popLast() {
            name = last
        } else {
            // The target exists: it must be a regular file, replaced in its (canonical) directory.
            guard FileSystem.kind(resolved.existing, followLinks: false) == .file else { throw .notAFile }
            let cut = directory.utf8.lastIndex(of: UInt8(ascii: "/"))!
            name = String(directory[directory.index(after: cut)...])
            directory = String(directory[..<cut])
        }
        for component in missing {
            directory += "/" + component
            try FileSystem.makeDirectory(directory)
        }
        try FileSystem.writeAtomically(bytes, directory: directory, name: name, replacing: replacing)
    }

    /// The entries of the directory at `path`, sorted by name.
    /// - Throws: `ObjectStoreError.notFound`, `.notADirectory`, `.escapesRoot`, `.io`.
    public func list(_ path: ObjectPath) throws(ObjectStoreError) -> [ObjectStoreEntry] {
        let resolved = try resolve(path)
        guard resolved.missing.isEmpty else { throw .notFound }
        guard FileSystem.kind(resolved.existing, followLinks: false) == .directory else { throw .notADirectory }
        return try FileSystem.directoryNames(resolved.existing).map { name in
            let full = resolved.existing + "/" + name
            var kind = FileSystem.kind(full, followLinks: false) ?? .other
            if FileSystem.isSymbolicLink(full) {
                kind = FileSystem.realPath(full).flatMap { isInsideRoot($0) ? FileSystem.kind($0, followLinks: false) : nil } ?? .other
            }
            return ObjectStoreEntry(name: name, kind: kind)
        }
    }

    /// A path split into its canonical existing part and the components below it that do not exist.
    struct Resolved {
        var existing: String
        var missing: [String]
    }

    /// Walks `path` from the root: plain components are appended, symbolic links replaced by their
    /// `realpath`, which must stay inside the root.
    func resolve(_ path: ObjectPath) throws(ObjectStoreError) -> Resolved {
        WaitRule.mayWait("an object-store file operation")
        let names = [path.bucket] + path.components
        var current = root == "/" ? "" : root
        for (index, name) in names.enumerated() {
            let candidate = current + "/" + name
            var info = stat()
            if lstat(candidate, &info) != 0 {
                let code = errno
                if code == ENOENT { return Resolved(existing: current, missing: Array(names[index...])) }
                if code == ENOTDIR { throw .notADirectory }
                throw .io(operation: "lstat", errno: code)
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                guard let real = FileSystem.realPath(candidate), isInsideRoot(real) else { throw .escapesRoot }
                current = real
            } else {
                current = candidate
            }
        }
        return Resolved(existing: current, missing: [])
    }

    func isInsideRoot(_ real: String) -> Bool {
        root == "/" || real == root || real.hasPrefix(root + "/")
    }
}
