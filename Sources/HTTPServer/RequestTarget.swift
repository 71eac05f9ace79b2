/// The parts of a raw request target (`/path?query`), split before any decoding.
struct RequestTarget: Sendable, Equatable {
    /// The target as sent.
    let target: String
    /// Everything before the first `?`, not unescaped.
    let path: String
    /// `path` split on `/` first, then each segment decoded.
    let pathSegments: [PercentEncodedString]
    /// The `&`-separated items after the first `?`.
    let query: [QueryItem]

    /// Parses the raw bytes of a request target.
    ///
    /// A leading `/` yields no empty first segment; empty inner and trailing segments are kept
    /// (`/a//b/` gives `["a", "", "b", ""]`), and `/` alone gives no segment at all.
    init<Bytes: Collection>(rawBytes bytes: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int {
        let bytes = Array(bytes)
        target = String(decoding: bytes, as: UTF8.self)
        let questionMark = bytes.firstIndex(of: UInt8(ascii: "?"))
        let pathBytes = bytes[..<(questionMark ?? bytes.endIndex)]
        path = String(decoding: pathBytes, as: UTF8.self)
        pathSegments = Self.segments(of: pathBytes)
        if let questionMark {
            query = Self.queryItems(of: bytes[(questionMark + 1)...])
        } else {
            query = []
        }
    }

    /// Parses a request target given as a string.
    init(_ target: String) {
        self.init(rawBytes: Array(target.utf8))
    }

    private static func segments(of path: ArraySlice<UInt8>) -> [PercentEncodedString] {
        var rest = path
        if rest.first == UInt8(ascii: "/") { rest = rest.dropFirst() }
        if rest.isEmpty { return [] }
        return rest.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map {
            PercentEncodedString(rawBytes: $0, plusAsSpace: false)
        }
    }

    private static func queryItems(of query: ArraySlice<UInt8>) -> [QueryItem] {
        query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { component in
            let equals = component.firstIndex(of: UInt8(ascii: "="))
            let name = component[..<(equals ?? component.endIndex)]
            let value = equals.map { component[($0 + 1)...] } ?? []
            return QueryItem(
                name: PercentEncodedString(rawBytes: name, plusAsSpace: true),
                value: PercentEncodedString(rawBytes: value, plusAsSpace: true))
        }
    }
}
