import Glibc

/// A fresh directory under /tmp, removed recursively by `remove()`.
struct ScratchDirectory {
    let path: String

    init() {
        var template = Array("/tmp/sj-objects-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!).map { String(cString: $0) } }
        guard let created else { preconditionFailure("mkdtemp failed") }
        path = created
    }

    func makeDirectory(_ relative: String) {
        var prefix = path
        for part in relative.split(separator: "/") {
            prefix += "/\(part)"
            mkdir(prefix, 0o755)
        }
    }

    func write(_ relative: String, _ contents: String) {
        let fd = open(path + "/" + relative, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(fd >= 0, "cannot create \(relative)")
        let bytes = Array(contents.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    func symlink(_ relative: String, to target: String) {
        precondition(Glibc.symlink(target, path + "/" + relative) == 0, "symlink failed")
    }

    func exists(_ relative: String) -> Bool {
        var info = stat()
        return lstat(path + "/" + relative, &info) == 0
    }

    func remove() { Self.removeTree(path) }

    private static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR, let stream = opendir(path) {
            var names: [String] = []
            while let entry = readdir(stream) {
                let name = withUnsafePointer(to: &entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(stream)
            for name in names { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
