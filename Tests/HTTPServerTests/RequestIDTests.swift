import Testing

@testable import HTTPServer

@Suite("Request ids")
struct RequestIDTests {
    @Test("accepted client ids", arguments: ["a", "abc-DEF_1.2:3", String(repeating: "x", count: 128)])
    func accepted(id: String) {
        #expect(RequestID.isAcceptable(id))
        #expect(RequestID.forRequest(headers: ["X-Request-Id": id]) == id)
    }

    @Test(
        "refused client ids", arguments: ["", String(repeating: "x", count: 129), "a b", "a/b", "é", "a\u{0}", "<x>"])
    func refused(id: String) {
        #expect(!RequestID.isAcceptable(id))
        #expect(RequestID.forRequest(headers: ["X-Request-Id": id]) != id)
    }

    @Test("generated ids are 32 lowercase hex digits and differ, across several refills of the random buffer")
    func generated() {
        let ids = (0..<1000).map { _ in RequestID.generate() }
        for id in ids {
            #expect(id.utf8.count == 32)
            #expect(id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
        }
        #expect(Set(ids).count == ids.count)
    }

    @Test("concurrent generators never hand out the same id")
    func concurrent() async {
        let batches = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { (0..<500).map { _ in RequestID.generate() } } }
            return await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(Set(batches).count == 4000)
    }
}
