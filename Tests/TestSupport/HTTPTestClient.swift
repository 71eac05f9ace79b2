import Glibc

/// A response read by ``HTTPTestClient``.
public struct HTTPTestResponse: Sendable {
    /// Status code from the status line.
    public let status: Int
    /// Reason phrase from the status line.
    public let reason: String
    /// Header fields in arrival order.
    public let headers: [(String, String)]
    /// Body bytes (de-chunked when the response was chunked).
    public let body: [UInt8]

    /// The first value of header `name` (case-insensitive), or `nil`.
    /// - Parameter name: field name.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Every value of header `name` (case-insensitive), in arrival order.
    /// - Parameter name: field name.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
    }

    /// The body as UTF-8 (invalid bytes repaired).
    public var bodyString: String { String(decoding: body, as: UTF8.self) }
}

/// Why an ``HTTPTestClient`` call failed.
public enum HTTPTestClientError: Error, Sendable, Equatable {
    /// `host` is not an IPv4 literal.
    case invalidHost(String)
    /// `connect` failed with this errno (`ECONNREFUSED` when nobody listens).
    case connectFailed(errno: Int32)
    /// `send` failed with this errno.
    case sendFailed(errno: Int32)
    /// Nothing arrived within the receive timeout.
    case timeout
    /// The server closed the connection in the middle of a response.
    case connectionClosed
    /// The bytes received are not an HTTP/1.1 response.
    case malformedResponse(String)
}

/// A small blocking HTTP/1.1 client over one POSIX TCP socket, for tests.
///
/// It sends exactly the bytes asked for (so tests can send `%2F`, `%00`, huge paths or bad methods), keeps
/// the connection open across requests (keep-alive), and parses `Content-Length` and chunked responses.
/// Every receive is bounded by a timeout so that a test never hangs. Not thread-safe: one client per thread.
public final class HTTPTestClient {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var closed = false
    /// Headers added to every ``send(method:target:headers:body:chunked:chunkSize:)`` for its target and
    /// the caller's headers (e.g. a credential for the target's project unless the caller brings one);
    /// a header the caller already names is not added again.
    public var defaultHeaders: (@Sendable (_ target: String, _ headers: [(String, String)]) -> [(String, String)])? = nil

    /// Connects to `host:port`.
    /// - Parameters:
    ///   - host: IPv4 literal, default `127.0.0.1`.
    ///   - port: TCP port.
    ///   - timeout: bound on each send and receive, default 10 s.
    /// - Throws: ``HTTPTestClientError/invalidHost(_:)`` or ``HTTPTestClientError/connectFailed(errno:)``.
    public init(host: String = "127.0.0.1", port: UInt16, timeout: Duration = .seconds(10)) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw HTTPTestClientError.invalidHost(host) }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HTTPTestClientError.connectFailed(errno: errno) }
        let (seconds, attoseconds) = timeout.components
        var interval = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = errno
            Glibc.close(fd)
            throw HTTPTestClientError.connectFailed(errno: error)
        }
        self.fd = fd
    }

    deinit {
        Glibc.close(fd)
    }

    /// Sends one request and reads its response, on the same connection as earlier requests.
    ///
    /// Adds `Host` unless given, and `Content-Length` for a body unless `chunked` (then the body is sent
    /// with `Transfer-Encoding: chunked`, in pieces of `chunkSize` bytes).
    /// - Parameters:
    ///   - method: the method, sent verbatim.
    ///   - target: the request target, sent verbatim.
    ///   - headers: extra header fields, sent verbatim and in order.
    ///   - body: body bytes, or `nil` for none.
    ///   - chunked: send the body chunked.
    ///   - chunkSize: bytes per chunk when `chunked`.
    /// - Throws: ``HTTPTestClientError`` on socket errors, timeouts, or if the server closed without answering.
    public func send(
        method: String, target: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
        chunked: Bool = false, chunkSize: Int = 4096
    ) throws -> HTTPTestResponse {
        var head = "\(method) \(target) HTTP/1.1\r\n"
        if !headers.contains(where: { $0.0.lowercased() == "host" }) { head += "Host: 127.0.0.1\r\n" }
        var headers = headers
        for (name, value) in defaultHeaders?(target, headers) ?? [] where !headers.contains(where: { $0.0.lowercased() == name.lowercased() }) {
            headers.append((name, value))
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        var payload: [UInt8] = []
        if let body {
            if chunked {
                head += "Transfer-Encoding: chunked\r\n"
                var offset = 0
                while offset < body.count {
                    let piece = body[offset..<min(body.count, offset + max(1, chunkSize))]
                    payload += Array(String(piece.count, radix: 16).utf8) + [13, 10] + piece + [13, 10]
                    offset += piece.count
                }
                payload += Array("0\r\n\r\n".utf8)
            } else {
                if !headers.contains(where: { $0.0.lowercased() == "content-length" }) {
                    head += "Content-Length: \(body.count)\r\n"
                }
                payload = body
            }
        }
        head += "\r\n"
        guard let response = try sendRaw(Array(head.utf8) + payload, method: method) else {
            throw HTTPTestClientError.connectionClosed
        }
        return response
    }

    /// Sends `bytes` exactly as given and reads one response.
    /// - Parameters:
    ///   - bytes: the raw request.
    ///   - method: the request's method, only to know that a `HEAD` response has no body.
    /// - Returns: the response, or `nil` if the server closed the connection without sending anything.
    /// - Throws: ``HTTPTestClientError`` on socket errors, timeouts or a malformed response.
    public func sendRaw(_ bytes: [UInt8], method: String = "GET") throws -> HTTPTestResponse? {
        try write(bytes)
        return try readResponse(method: method)
    }

    /// Sends `bytes` without reading anything (for requests sent in several parts).
    /// - Parameter bytes: raw bytes.
    /// - Throws: ``HTTPTestClientError/sendFailed(errno:)``.
    public func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw HTTPTestClientError.sendFailed(errno: errno)
            }
            offset += sent
        }
    }

    /// Reads one response (skipping interim 1xx responses).
    /// - Parameter method: the request's method (`HEAD` responses have no body).
    /// - Returns: the response, or `nil` if the connection closed before any byte of it arrived.
    /// - Throws: ``HTTPTestClientError`` on timeouts or a malformed or truncated response.
    public func readResponse(method: String = "GET") throws -> HTTPTestResponse? {
        while true {
            guard let headEnd = try fill(until: { Self.find([13, 10, 13, 10], in: $0) }) else {
                if buffer.isEmpty { return nil }
                throw HTTPTestClientError.connectionClosed
            }
            let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
            buffer.removeFirst(headEnd + 4)
            var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
            let statusLine = lines.removeFirst()
            let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
                throw HTTPTestClientError.malformedResponse(statusLine)
            }
            var headers: [(String, String)] = []
            for line in lines where !line.isEmpty {
                guard let colon = line.firstIndex(of: ":") else {
                    throw HTTPTestClientError.malformedResponse(line)
                }
                let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
                headers.append((String(line[..<colon]), String(value)))
            }
            if (100..<200).contains(status) { continue }
            let response = HTTPTestResponse(
                status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: [])
            let body = try readBody(of: response, method: method)
            return HTTPTestResponse(status: status, reason: response.reason, headers: headers, body: body)
        }
    }

    /// Whether the server has closed the connection: waits up to `timeout` for end-of-file.
    /// Returns `false` if data arrives or the connection stays open.
    /// - Parameter timeout: how long to wait.
    public func waitForClose(timeout: Duration = .seconds(5)) -> Bool {
        if closed { return true }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let (seconds, attoseconds) = timeout.components
        let millis = Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        guard poll(&poller, 1, millis) == 1 else { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK))
        return n == 0 || (n < 0 && errno == ECONNRESET)
    }

    private func readBody(of response: HTTPTestResponse, method: String) throws -> [UInt8] {
        if method == "HEAD" || response.status == 204 || response.status == 304 { return [] }
        if response.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            return try readChunkedBody()
        }
        if let lengthText = response.header("Content-Length") {
            guard let length = Int(lengthText.trimmingSpaces()), length >= 0 else {
                throw HTTPTestClientError.malformedResponse("Content-Length: \(lengthText)")
            }
            return try take(length)
        }
        while try receiveMore() {}  // no framing: the body ends when the connection does
        defer { buffer = [] }
        return buffer
    }

    private func readChunkedBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try takeLine()
            let sizeText = line.split(separator: ";").first.map { String($0).trimmingSpaces() } ?? ""
            guard let size = Int(sizeText, radix: 16) else {
                throw HTTPTestClientError.malformedResponse("chunk size \(line)")
            }
            if size == 0 {
                while try !takeLine().isEmpty {}  // trailers
                return body
            }
            body += try take(size)
            guard try takeLine().isEmpty else { throw HTTPTestClientError.malformedResponse("chunk end") }
        }
    }

    private func takeLine() throws -> String {
        guard let end = try fill(until: { Self.find([13, 10], in: $0) }) else {
            throw HTTPTestClientError.connectionClosed
        }
        defer { buffer.removeFirst(end + 2) }
        return String(decoding: buffer[..<end], as: UTF8.self)
    }

    private func take(_ count: Int) throws -> [UInt8] {
        guard try fill(until: { $0.count >= count ? count : nil }) != nil else {
            throw HTTPTestClientError.connectionClosed
        }
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    /// Receives until `found` returns an index, or the peer closes (`nil`).
    private func fill(until found: ([UInt8]) -> Int?) throws -> Int? {
        while true {
            if let index = found(buffer) { return index }
            guard try receiveMore() else { return nil }
        }
    }

    /// Appends what arrives to `buffer`; `false` at end of file.
    private func receiveMore() throws -> Bool {
        if closed { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer += chunk[..<n]
                return true
            }
            if n == 0 || errno == ECONNRESET {
                closed = true
                return false
            }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw HTTPTestClientError.timeout }
            throw HTTPTestClientError.malformedResponse("recv errno \(errno)")
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}

@available(*, unavailable, message: "HTTPTestClient holds one socket for one thread")
extension HTTPTestClient: Sendable {}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
