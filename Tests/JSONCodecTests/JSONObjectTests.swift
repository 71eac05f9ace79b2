import JSONCodec
import Testing

@Suite("JSONObject")
struct JSONObjectTests {
    @Test func lookupCountAndKeys() {
        let object: JSONObject = ["b": 1, "a": "x"]
        #expect(object.count == 2)
        #expect(Array(object.keys) == ["b", "a"])
        #expect(object["a"] == "x")
        #expect(object["c"] == nil)
        #expect(object.map(\.key) == ["b", "a"])
    }

    @Test func equalityIgnoresOrder() throws {
        let a = try JSONParser.parse(#"{"x":1,"y":[1,2]}"#)
        let b = try JSONParser.parse(#"{"y":[1,2],"x":1}"#)
        #expect(a == b)
        #expect(a != (try JSONParser.parse(#"{"x":1,"y":[2,1]}"#)))
        #expect(a != (try JSONParser.parse(#"{"x":1}"#)))
        #expect(a != (try JSONParser.parse(#"{"x":1,"z":[1,2]}"#)))
    }

    @Test func mutationAcrossTheIndexThreshold() {
        var object = JSONObject()
        let total = JSONObject.indexThreshold * 3
        for i in 0..<total { object["k\(i)"] = .number(JSONNumber(i)) }
        #expect(object.count == total)
        object["k5"] = "replaced"
        #expect(object.count == total)
        #expect(object["k5"] == "replaced")
        #expect(Array(object.keys)[5] == "k5")
        // Remove down below the threshold; every lookup must stay right.
        for i in stride(from: total - 1, through: 3, by: -1) where i != 5 { object["k\(i)"] = nil }
        #expect(object.count == 4)
        #expect(Array(object.keys) == ["k0", "k1", "k2", "k5"])
        #expect(object["k1"]?.int64Value == 1)
        #expect(object["k40"] == nil)
        object["missing"] = nil
        #expect(object.count == 4)
    }

    @Test func removingFromALargeObjectKeepsLookupsRight() {
        var object = JSONObject(uniqueKeysWithValues: (0..<40).map { ("k\($0)", JSONValue.number(JSONNumber($0))) })
        object["k0"] = nil
        #expect(object.count == 39)
        for i in 1..<40 { #expect(object["k\(i)"]?.int64Value == Int64(i)) }
    }
}
