import Glibc

/// A fresh directory under /tmp holding migration files, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    /// Creates the directory and writes `files` (name to contents) into it.
    init(_ files: [String: String] = [:]) {
        var template = Array("/tmp/sj-migrations-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(created != nil, "mkdtemp failed")
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for (name, contents) in files { write(name, contents) }
    }

    /// Writes (or replaces) one file.
    func write(_ name: String, _ contents: String) {
        let descriptor = open(path + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(descriptor >= 0, "cannot create \(name)")
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        precondition(written == bytes.count, "short write")
        close(descriptor)
    }

    /// Deletes one file.
    func delete(_ name: String) {
        unlink(path + "/" + name)
    }

    /// Deletes the files (not recursively) and the directory.
    func remove() {
        if let directory = opendir(path) {
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: &entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            closedir(directory)
        }
        rmdir(path)
    }
}
