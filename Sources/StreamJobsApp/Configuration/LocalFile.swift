import Glibc

/// Reads small local files whole (the configuration file, the OpenAPI document), at start-up only.
enum LocalFile {
    /// The bytes of the file at `path`, or nil when it cannot be read or is larger than `maxBytes`.
    static func bytes(at path: String, maxBytes: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { return nil }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
            if bytes.count > maxBytes { return nil }
        }
        return bytes
    }
}
