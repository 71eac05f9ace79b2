import Testing

@testable import HTTPServer

@Suite("Request target parsing")
struct RequestTargetTests {
    private func decodedSegments(_ target: String) -> [String?] {
        RequestTarget(target).pathSegments.map(\.decoded)
    }

    @Test("segments are split before decoding; empty inner and trailing segments are kept")
    func segments() {
        #expect(decodedSegments("/a//b/") == ["a", "", "b", ""])
        #expect(decodedSegments("/a%2Fb/c") == ["a/b", "c"])
        #expect(decodedSegments("/v1.0/p/streaming/jobs/2%00junk") == ["v1.0", "p", "streaming", "jobs", "2\u{0}junk"])
        #expect(decodedSegments("/") == [])
        #expect(decodedSegments("//") == ["", ""])
        #expect(decodedSegments("/a") == ["a"])
        #expect(decodedSegments("*") == ["*"])
        #expect(decodedSegments("/x/%zz") == ["x", nil])
    }

    @Test("path is raw and the query is split off")
    func pathAndQuery() {
        let target = RequestTarget("/a%2Fb/c?x=1&y=%41+B&flag&&z=&=v&q=a=b")
        #expect(target.target == "/a%2Fb/c?x=1&y=%41+B&flag&&z=&=v&q=a=b")
        #expect(target.path == "/a%2Fb/c")
        let pairs = target.query.map { [$0.name.decoded, $0.value.decoded] }
        #expect(pairs == [["x", "1"], ["y", "A B"], ["flag", ""], ["z", ""], ["", "v"], ["q", "a=b"]])
        #expect(target.query[1].value.raw == "%41+B")
        #expect(target.query.firstValue(named: "y")?.decoded == "A B")
    }

    @Test("no query, empty query, and a '?' inside the query")
    func edgeQueries() {
        #expect(RequestTarget("/a").query.isEmpty)
        #expect(RequestTarget("/a?").query.isEmpty)
        #expect(RequestTarget("/a?").path == "/a")
        #expect(RequestTarget("/a?b=?c").query.map(\.value.decoded) == ["?c"])
        #expect(RequestTarget("/a?b=%zz").query.map(\.value.decoded) == [nil])
    }

    @Test("HTTPRequest public initialiser parses the target and takes a valid X-Request-Id")
    func publicInit() {
        let request = HTTPRequest(method: "GET", target: "/x/y?a=b", headers: ["x-request-id": "abc-1"])
        #expect(request.path == "/x/y")
        #expect(request.pathSegments.map(\.decoded) == ["x", "y"])
        #expect(request.query.count == 1)
        #expect(request.requestID == "abc-1")
    }
}
