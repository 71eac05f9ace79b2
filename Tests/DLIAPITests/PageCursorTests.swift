import Testing

@testable import DLIAPI

/// Page cursors: a position comes back exactly, only for the query (scope) and key that made it.
struct PageCursorTests {
    let cursors = PageCursor(key: .random())

    @Test func positionsRoundTripExactly() throws {
        for position: [Int64] in [[1], [Int64.max], [0, 1], [-1, Int64.min], [1_796_196_210_594_123, 42]] {
            let text = cursors.encode(position, scope: ["journal", "p", "7"])
            #expect(try cursors.decode(text, count: position.count, scope: ["journal", "p", "7"]) == position)
        }
    }

    @Test func anotherScopeKeyCountOrAnyChangedCharacterIsRefused() throws {
        let text = cursors.encode([5, 9], scope: ["deleted-jobs", "p", "alpha"])
        let refused: [(String, Int, [String], PageCursor)] = [
            (text, 2, ["deleted-jobs", "p", "beta"], cursors),
            (text, 2, ["deleted-jobs", "q", "alpha"], cursors),
            (text, 2, ["deleted-jobs", "p", "alph", "a"], cursors),
            (text, 1, ["deleted-jobs", "p", "alpha"], cursors),
            (text, 2, ["deleted-jobs", "p", "alpha"], PageCursor(key: .random())),
            (String(text.dropLast()), 2, ["deleted-jobs", "p", "alpha"], cursors),
        ] + text.indices.map { i in
            var changed = Array(text)
            changed[text.distance(from: text.startIndex, to: i)] = text[i] == "0" ? "1" : "0"
            return (String(changed), 2, ["deleted-jobs", "p", "alpha"], cursors)
        }
        for (candidate, count, scope, cursors) in refused {
            #expect(throws: APIError.self, "\(candidate) \(scope)") { try cursors.decode(candidate, count: count, scope: scope) }
        }
    }
}
