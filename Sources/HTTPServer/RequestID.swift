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

    /// 128 bits from the system CSPRNG (`getrandom` on Linux) as 32 lowercase hex digits.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 32)
        for half in 0..<2 {
            var word = generator.next()
            for i in (0..<16).reversed() {
                out[half * 16 + i] = digits[Int(word & 0xF)]
                word >>= 4
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
