#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileObjectStore {
    /// Removes what `path` names: a file, or a folder with everything below it. Nothing there is fine.
    ///
    /// Only what lies inside the root is removed: the parents are resolved like every path (a link on the
    /// way must stay inside the root), and the object itself and everything below it are walked with
    /// `lstat`: a symbolic link is unlinked, never followed, so a link to elsewhere loses only the link.
    /// - Returns: whether something was removed.
    /// - Throws: `ObjectStoreError.escapesRoot`, `.notADirectory` (a parent is a file), `.io`.
    @discardableResult
    public func remove(_ path: ObjectPath) throws(ObjectStoreError) -> Bool {
        let names = [path.bucket] + path.components
        let parent: String
        if names.count == 1 {
            _ = try resolve(path)  // checks the wait rule
            parent = root == "/" ? "" : root
        } else {
            let parentPath: ObjectPath
            do {
                parentPath = try ObjectPath(parsing: names.dropLast().joined(separator: "/"))
            } catch {
                throw .notADirectory
            }
            let resolved = try resolve(parentPath)
            guard resolved.missing.isEmpty else { return false }
            guard FileSystem.kind(resolved.existing, followLinks: false) == .directory else { throw .notADirectory }
            parent = resolved.existing
        }
        return try FileSystem.removeTree(parent + "/" + names[names.count - 1])
    }
}

extension FileSystem {
    /// Removes `path` (a file, link or special file with `unlink`; a directory depth first, then `rmdir`),
    /// following no link. False when nothing was there.
    static func removeTree(_ path: String) throws(ObjectStoreError) -> Bool {
        var info = stat()
        if lstat(path, &info) != 0 {
            let code = errno
            if code == ENOENT { return false }
            throw .io(operation: "lstat", errno: code)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            for name in try directoryNames(path) { _ = try removeTree(path + "/" + name) }
            if rmdir(path) != 0, errno != ENOENT { throw .io(operation: "rmdir", errno: errno) }
        } else if unlink(path) != 0, errno != ENOENT {
            throw .io(operation: "unlink", errno: errno)
        }
        return true
    }
}
