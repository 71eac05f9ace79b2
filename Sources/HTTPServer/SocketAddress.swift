import Glibc

/// An IPv4 or IPv6 socket address parsed from an IP literal, for `MHD_OPTION_SOCK_ADDR`.
enum SocketAddress {
    case v4(sockaddr_in)
    case v6(sockaddr_in6)

    /// Parses `host` (an IP literal, no names) with `inet_pton`; `nil` if it is neither IPv4 nor IPv6.
    init?(host: String, port: UInt16) {
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            self = .v4(v4)
            return
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            self = .v6(v6)
            return
        }
        return nil
    }

    var isIPv6: Bool {
        if case .v6 = self { true } else { false }
    }

    /// Calls `body` with a pointer to the `sockaddr`, valid only during the call.
    func withSockAddrPointer<R>(_ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
        switch self {
        case .v4(var address):
            return try withUnsafeMutablePointer(to: &address) { try body(UnsafeMutableRawPointer($0)) }
        case .v6(var address):
            return try withUnsafeMutablePointer(to: &address) { try body(UnsafeMutableRawPointer($0)) }
        }
    }

    /// The numeric host of a peer address (`"127.0.0.1"`, `"::1"`), `""` for other families or `nil`.
    static func numericHost(of address: UnsafePointer<sockaddr>?) -> String {
        guard let address else { return "" }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = Int32(address.pointee.sa_family)
        let ok: Bool
        switch family {
        case AF_INET:
            ok = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                withUnsafePointer(to: v4.pointee.sin_addr) {
                    inet_ntop(AF_INET, $0, &buffer, socklen_t(buffer.count)) != nil
                }
            }
        case AF_INET6:
            ok = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                withUnsafePointer(to: v6.pointee.sin6_addr) {
                    inet_ntop(AF_INET6, $0, &buffer, socklen_t(buffer.count)) != nil
                }
            }
        default:
            ok = false
        }
        guard ok else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
