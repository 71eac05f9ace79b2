import JSONCodec
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test func commasAndNesting() {
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.int(1)
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.string("x")
        writer.null()
        writer.endArray()
        writer.key("b")
        writer.beginObject()
        writer.key("c")
        writer.bool(true)
        writer.key("d")
        writer.bool(false)
        writer.endObject()
        writer.key(String("e"))
        writer.double(0.5)
        writer.endObject()
        #expect(text(writer.bytes) == #"{"a":[1,{},[],"x",null],"b":{"c":true,"d":false},"e":0.5}"#)
    }

    @Test func preparedKeysWriteWhatPlainKeysWrite() {
        var plain = JSONWriter()
        var prepared = JSONWriter()
        let names = ["a", "quote\"back\\slash", "tab\t", "é\u{2028}"]
        plain.beginObject()
        prepared.beginObject()
        for (i, name) in names.enumerated() {
            plain.key(name); plain.int(i)
            prepared.key(JSONKey(name)); prepared.int(i)
        }
        plain.endObject()
        prepared.endObject()
        #expect(prepared.bytes == plain.bytes)
        #expect(text(prepared.bytes) == #"{"a":0,"quote\"back\\slash":1,"tab\t":2,"é\u2028":3}"#)
    }

    @Test func topLevelScalarsAndEmptyContainers() {
        var writer = JSONWriter()
        writer.int(7)
        #expect(text(writer.bytes) == "7")
        writer = JSONWriter()
        writer.beginArray()
        writer.endArray()
        #expect(text(writer.bytes) == "[]")
    }

    @Test func fieldsWriteNullForNil() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("s", "x")
        writer.field("s0", nil as String?)
        writer.field("i", 5)
        writer.field("i0", nil as Int?)
        writer.field("l", Int64(-5))
        writer.field("d", 2.5)
        writer.field("d0", nil as Double?)
        writer.field("b", true)
        writer.field("b0", nil as Bool?)
        writer.field("v", ["k": [1, "two"]] as JSONValue)
        writer.field("v0", nil as JSONValue?)
        writer.endObject()
        #expect(
            text(writer.bytes)
                == #"{"s":"x","s0":null,"i":5,"i0":null,"l":-5,"d":2.5,"d0":null,"b":true,"b0":null,"v":{"k":[1,"two"]},"v0":null}"#
        )
    }

    @Test(arguments: [
        (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808"), (0, "0"), (-1, "-1"), (10, "10"),
        (1_000_000, "1000000"),
    ])
    func integers(_ value: Int64, _ expected: String) {
        var writer = JSONWriter()
        writer.int(value)
        #expect(text(writer.bytes) == expected)
        writer = JSONWriter()
        writer.int(Int(value))
        #expect(text(writer.bytes) == expected)
    }

    @Test(arguments: [
        (0.1, "0.1"), (1.0, "1.0"), (-0.0, "-0.0"), (100.0, "100.0"), (1e-7, "1e-07"), (1e16, "1e+16"),
        (Double.nan, "null"), (Double.infinity, "null"), (-Double.infinity, "null"),
    ])
    func doubles(_ value: Double, _ expected: String) {
        var writer = JSONWriter()
        writer.double(value)
        #expect(text(writer.bytes) == expected)
    }

    @Test func doublesReadBackExactly() throws {
        var generator = SplitMix64(seed: 7)
        var samples: [Double] = [
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude,
            .pi, 1 / 3, 123_456_789.123_456_789, 9_007_199_254_740_992,
        ]
        while samples.count < 2_000 {
            let candidate = Double(bitPattern: generator.next())
            if candidate.isFinite { samples.append(candidate) }
        }
        for value in samples {
            var writer = JSONWriter()
            writer.double(value)
            let parsed = try JSONParser.parse(writer.bytes)
            #expect(parsed.doubleValue?.bitPattern == value.bitPattern, "\(value)")
        }
    }

    @Test func nonPointerStaticStringKey() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key(StaticString(unicodeScalarLiteral: "é"))
        writer.int(1)
        writer.endObject()
        #expect(text(writer.bytes) == #"{"é":1}"#)
    }

    @Test func serializedKeepsOrderAndLiteralText() throws {
        let document = #"{"z":[1.50,-0,1E+2,"s"],"a":{"n":null,"t":true},"m":{}}"#
        #expect(text(try JSONParser.parse(document).serialized()) == document)
    }
}
