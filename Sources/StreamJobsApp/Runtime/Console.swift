import Glibc

/// Writes lines for a person at the terminal (CLI output, start-up errors) without going through
/// stdio globals, which Swift 6 flags as shared mutable state.
enum Console {
    static func out(_ line: String) { write(1, line + "\n") }
    static func error(_ line: String) { write(2, line + "\n") }

    private static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { return }
            offset += n
        }
    }
}
