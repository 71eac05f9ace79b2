import Testing

@testable import HTTPServer

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test("lookup is case-insensitive and returns the first value")
    func lookup() {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "X-Multi", value: "1")
        headers.add(name: "x-multi", value: "2")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["CONTENT-TYPE"] == "application/json")
        #expect(headers["X-MULTI"] == "1")
        #expect(headers.values(for: "x-Multi") == ["1", "2"])
        #expect(headers["missing"] == nil)
        #expect(headers.contains(name: "x-multi"))
    }

    @Test("iteration keeps arrival order; remove and replace")
    func orderAndEdits() {
        var headers: HTTPHeaders = ["B": "1", "A": "2", "b": "3"]
        #expect(headers.map(\.name) == ["B", "A", "b"])
        headers.replaceOrAdd(name: "b", value: "4")
        #expect(headers.map(\.name) == ["A", "b"])
        #expect(headers["B"] == "4")
        headers.remove(name: "a")
        #expect(headers.count == 1)
    }

    @Test("names differing only in non-letters do not match")
    func nonLetters() {
        #expect(!HTTPHeaders.namesMatch("X-A", "X_A"))
        #expect(!HTTPHeaders.namesMatch("a", "ab"))
        #expect(HTTPHeaders.namesMatch("x-request-id", "X-Request-Id"))
    }
}
