#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The POSIX calls `FileObjectStore` makes, each mapped to `ObjectStoreError`. Descriptors and
/// directory streams are closed before each function returns.
enum FileSystem {
    /// `realpath(3)`, or nil when the path (or a link's target) does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// The kind of what `path` names, or nil when nothing exists there.
    static func kind(_ path: String, followLinks: Bool) -> ObjectKind? {
        var info = stat()
        guard (followLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// `mkdir(2)`; an existing directory (not a link) is fine.
    static func makeDirectory(_ path: String) throws(ObjectStoreError) {
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        if code == EEXIST, kind(path, followLinks: false) == .directory { return }
        throw code == EEXIST || code == ENOTDIR ? .notADirectory : .io(operation: "mkdir", errno: code)
    }

    /// `mkdir -p`, for the root itself (which may be relative and may pass through links).
    static func makeDirectories(_ path: String) throws(ObjectStoreError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if kind(prefix, followLinks: true) == .directory { continue }
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                if code == EEXIST, kind(prefix, followLinks: true) == .directory { continue }
                throw code == EEXIST ? .notADirectory : .io(operation: "mkdir", errno: code)
            }
        }
    }

    /// The whole regular file at `path`, refusing links, non-files and files over `maxBytes`.
    static func readFile(_ path: String, maxBytes: Int) throws(ObjectStoreError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            throw code == ENOENT ? .notFound : code == ELOOP ? .escapesRoot : .io(operation: "open", errno: code)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(operation: "fstat", errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notAFile }
        guard info.st_size <= maxBytes else { throw .tooLarge(limit: maxBytes) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "read", errno: errno)
            }
            if n == 0 { break }
            guard bytes.count + n <= maxBytes else { throw .tooLarge(limit: maxBytes) }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Writes a temporary file next to `directory/name`, flushes it and renames it into place, or
    /// hard-links it there when not `replacing` (`link(2)` refuses an existing target).
    static func writeAtomically(_ bytes: [UInt8], directory: String, name: String, replacing: Bool) throws(ObjectStoreError) {
        let temporary = "\(directory)/.\(name.prefix(200)).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw .io(operation: "open", errno: errno) }
        var written = 0
        var failure: ObjectStoreError?
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = .io(operation: "write", errno: errno)
                break
            }
            written += n
        }
        if failure == nil, fsync(fd) != 0 { failure = .io(operation: "fsync", errno: errno) }
        if close(fd) != 0, failure == nil { failure = .io(operation: "close", errno: errno) }
        if failure == nil, replacing, rename(temporary, directory + "/" + name) != 0 {
            failure = errno == EISDIR ? .notAFile : .io(operation: "rename", errno: errno)
        }
        if failure == nil, !replacing {
            if link(temporary, directory + "/" + name) != 0 {
                failure = errno == EEXIST ? .alreadyExists : .io(operation: "link", errno: errno)
            }
            unlink(temporary)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// The names in a directory, without `.` and `..`, sorted.
    static func directoryNames(_ path: String) throws(ObjectStoreError) -> [String] {
        guard let stream = opendir(path) else { throw .io(operation: "opendir", errno: errno) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
