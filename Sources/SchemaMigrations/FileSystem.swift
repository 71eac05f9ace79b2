import Glibc

/// The few POSIX file calls the loader needs: list a directory, read a file.
enum FileSystem {
    /// The names of the entries in `path` (without `.` and `..`), sorted.
    static func entries(of path: String) throws(MigrationError) -> [String] {
        guard let directory = opendir(path) else {
            throw .unreadable(path: path, reason: lastError())
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The bytes of the file at `path`.
    static func contents(of path: String) throws(MigrationError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: lastError()) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: lastError())
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// The file at `path` as UTF-8 text.
    static func text(of path: String) throws(MigrationError) -> String {
        let bytes = try contents(of: path)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8(path: path) }
        return text
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
