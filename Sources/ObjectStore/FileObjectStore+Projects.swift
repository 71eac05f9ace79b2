/// Per-project spaces: every object a project names lives below `<root>/projects/<project>/`, so
/// `obs://bucket/key` given by project A and the same text given by project B are two different
/// files, and neither can reach the other's (a symbolic link out of a project's space is refused like
/// one out of the root).
extension FileObjectStore {
    /// The folder below the root that holds one folder per project.
    public static let projectsFolder = "projects"

    /// The store of one project: rooted at `<root>/projects/<project>`, created when missing.
    ///
    /// Everything a request of that project reads or writes, and every location the service hands to
    /// the engine for it, goes through this store.
    /// - Parameter project: a project id: 1–64 of `[A-Za-z0-9_-]` (so always one plain path component).
    /// - Throws: `ObjectStoreError.invalidProject` for another name; `.notADirectory` or `.io` when the
    ///   folder cannot be made.
    public func project(_ project: String) throws(ObjectStoreError) -> FileObjectStore {
        guard Self.isProjectName(project) else { throw .invalidProject }
        let folder = (root == "/" ? "" : root) + "/" + Self.projectsFolder + "/" + project
        return try FileObjectStore(root: folder)
    }

    /// Whether `name` can name a project's folder: 1–64 ASCII letters, digits, `_` or `-` (never `.`,
    /// `..` or anything with a `/`).
    static func isProjectName(_ name: String) -> Bool {
        let bytes = name.utf8
        return (1...64).contains(bytes.count)
            && bytes.allSatisfy { b in
                (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                    || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
            }
    }

    /// The object path of a local file or folder inside this store (the inverse of `localPath(for:)`),
    /// or nil when `local` is not below the root. Accepts `file:` URLs as Flink reports them
    /// (`file:/a/b`, `file:///a/b`).
    public func objectPath(ofLocal local: String) -> ObjectPath? {
        var path = Substring(local)
        if path.hasPrefix("file:") {
            path = path.dropFirst(5)
            while path.hasPrefix("//") { path = path.dropFirst() }
        }
        let prefix = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let relative = path.dropFirst(prefix.count)
        return try? ObjectPath(parsing: "obs://" + relative)
    }
}
