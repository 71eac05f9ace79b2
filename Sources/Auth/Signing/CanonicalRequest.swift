import HTTPServer

/// The canonical request the Huawei Cloud SDK signs (dli-api.md §6.2), rebuilt from a received request:
///
///     METHOD \n canonical URI \n canonical query \n canonical headers (each "name:value\n") \n
///     signed header names joined by ";" \n hex SHA-256 of the body
enum CanonicalRequest {
    /// Why a request cannot be canonicalized; each one means the signature cannot match.
    enum Problem: Error, Equatable {
        case malformedPath
        case malformedQuery
        /// A signed header is absent or sent more than once.
        case signedHeaderMissing(String)
    }

    /// The canonical request text.
    /// - Parameters:
    ///   - request: the received request.
    ///   - signedHeaders: lower-case names from the `Authorization` header, in their order.
    ///   - payloadHash: hex SHA-256 of the body (or the value the client declared and the verifier checked).
    static func text(_ request: HTTPRequest, signedHeaders: [String], payloadHash: String) throws(Problem) -> String {
        var out = request.method.uppercased()
        out += "\n" + (try uri(request.path))
        out += "\n" + (try query(request.query))
        out += "\n"
        for name in signedHeaders {
            let values = request.headers.values(for: name)
            guard values.count == 1 else { throw .signedHeaderMissing(name) }
            out += name + ":" + values[0].trimmingSpaces + "\n"
        }
        out += "\n" + signedHeaders.joined(separator: ";")
        out += "\n" + payloadHash
        return out
    }

    /// Percent-decode the whole path, split on `/`, encode each segment, re-join, end with `/`.
    static func uri(_ rawPath: String) throws(Problem) -> String {
        guard let decoded = PercentEncodedString(rawPath).decoded else { throw .malformedPath }
        var path = decoded.split(separator: "/", omittingEmptySubsequences: false).map { URIEncoding.quote(String($0)) }
            .joined(separator: "/")
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// `(name, value)` pairs decoded, sorted by code points (name first), each part encoded, joined `k=v&…`.
    static func query(_ items: [QueryItem]) throws(Problem) -> String {
        var pairs: [(String, String)] = []
        pairs.reserveCapacity(items.count)
        for item in items {
            guard let name = item.name.decoded, let value = item.value.decoded else { throw .malformedQuery }
            pairs.append((name, value))
        }
        pairs.sort { a, b in
            a.0 != b.0 ? codePointsPrecede(a.0, b.0) : codePointsPrecede(a.1, b.1)
        }
        return pairs.map { URIEncoding.quote($0.0) + "=" + URIEncoding.quote($0.1) }.joined(separator: "&")
    }

    /// Python's string order: lexicographic by Unicode code point (Swift's `<` normalizes first).
    private static func codePointsPrecede(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }
}
