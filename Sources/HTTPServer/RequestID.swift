import Glibc
import Synchronization

/// Request ids: the client's `X-Request-Id` when well-formed, else 32 random lowercase hex digits.
enum RequestID {
    /// The header carrying the request id, both ways.
    static let headerName = "X-Request-Id"

    /// The client's id from `headers` if valid, else a new one.
    static func forRequest(headers: HTTPHeaders) -> String {
        if let offered = headers[headerName], isAcceptable(offered) { return offered }
        return generate()
    }

    /// Whether `id` is 1–128 characters of `[A-Za-z0-9._:-]`.
    static func isAcceptable(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard (1...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: ":"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// 128 bits from the system CSPRNG as 32 lowercase hex digits.
    static func generate() -> String {
        let (high, low) = RandomWords.shared.withLock { $0.next128() }
        let digits: StaticString = "0123456789abcdef"
        var out = [UInt8](repeating: 0, count: 32)
        for (half, var word) in [high, low].enumerated() {
            for i in (0..<16).reversed() {
                out[half * 16 + i] = digits.utf8Start[Int(word & 0xF)]
                word >>= 4
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Random words from the kernel's CSPRNG, read 4 KiB at a time from `/dev/urandom` (one system call per
/// 256 request ids instead of two per id; Swift's Glibc module does not offer `getrandom(2)` for a bulk
/// read). Falls back to `SystemRandomNumberGenerator` if the device cannot be read.
struct RandomWords: ~Copyable {
    static let shared = Mutex(RandomWords())

    private let fd: Int32 = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
    private var words = [UInt64](repeating: 0, count: 512)
    private var next = 512

    mutating func next128() -> (UInt64, UInt64) {
        if next + 2 > words.count { refill() }
        defer { next += 2 }
        return (words[next], words[next + 1])
    }

    private mutating func refill() {
        let wanted = words.count * MemoryLayout<UInt64>.size
        var filled = 0
        if fd >= 0 {
            filled = words.withUnsafeMutableBytes { buffer in
                var total = 0
                while total < wanted {
                    let n = read(fd, buffer.baseAddress! + total, wanted - total)
                    if n > 0 { total += n } else if n < 0 && errno == EINTR { continue } else { break }
                }
                return total
            }
        }
        if filled < wanted {
            var generator = SystemRandomNumberGenerator()
            for i in words.indices { words[i] = generator.next() }
        }
        next = 0
    }
}
