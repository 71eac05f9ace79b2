import JSONCodec
import Testing

@Suite("JSONValue accessors")
struct JSONValueAccessorTests {
    @Test func accessorsMatchTheirCaseOnly() throws {
        let value = try JSONParser.parse(#"{"s":"x","b":true,"i":7,"d":1.5,"a":[1],"o":{},"n":null}"#)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == true)
        #expect(value["i"]?.int64Value == 7)
        #expect(value["d"]?.doubleValue == 1.5)
        #expect(value["d"]?.int64Value == nil)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["o"]?.objectValue?.isEmpty == true)
        #expect(value["n"]?.isNull == true)
        #expect(value["s"]?.isNull == false)

        #expect(value["s"]?.int64Value == nil)
        #expect(value["i"]?.stringValue == nil)
        #expect(value["b"]?.objectValue == nil)
        #expect(value["a"]?["x"] == nil)
        #expect(value["missing"] == nil)
        #expect(JSONValue.string("7").int64Value == nil)
    }

    @Test func typeNames() {
        let values: [(JSONValue, String)] = [
            ("s", "string"), (1, "number"), (true, "boolean"), (.null, "null"), ([], "array"), (["k": 1], "object"),
        ]
        for (value, name) in values { #expect(value.typeName == name) }
    }
}
