import JSONCodec
import Testing

@testable import DLIAPI

/// `FieldReader`: typed, bounded reads of request fields; every refusal is 400 DLI.0001 naming the field.
struct FieldReaderTests {
    func reader(_ json: String) throws -> FieldReader {
        guard case .object(let o) = try JSONParser.parse(json) else { throw APIError.invalidParameter("test", "not an object") }
        return FieldReader(o)
    }

    /// The message of the 400 DLI.0001 that `body` throws, or nil when it does not throw one.
    func failure(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as APIError {
            guard error.status == 400, error.code == "DLI.0001" else { return "wrong error \(error)" }
            return error.message
        } catch {
            return "not an APIError: \(error)"
        }
    }

    @Test func nullAndAbsentReadAsAbsentAndUnknownFieldsAreIgnored() throws {
        let r = try reader(#"{"a": null, "unknown": {"deep": [1, 2]}}"#)
        #expect(try r.string("a", length: 0...10) == nil)
        #expect(try r.string("missing", length: 0...10) == nil)
        #expect(try r.int("a", range: 0...1) == nil && r.bool("a") == nil && r.object("a") == nil)
        #expect(try r.stringArray("a", maxCount: 1, itemLength: 0...1) == nil)
        #expect(failure { _ = try r.requiredString("a", length: 1...10) } == "Invalid parameter 'a': is required.")
    }

    @Test func stringsAreBoundedInUnicodeScalarsAndRefuseControlCharacters() throws {
        let r = try reader(#"{"s": "héllo", "empty": "", "tab": "a\tb", "nl": "a\nb", "nul": "a\u0000b", "num": 1}"#)
        #expect(try r.string("s", length: 1...5) == "héllo")
        #expect(failure { _ = try r.string("s", length: 1...4) }?.contains("'s': must be at most 4 characters") == true)
        #expect(failure { _ = try r.requiredString("empty", length: 1...4) }?.contains("'empty': must not be empty") == true)
        #expect(try r.string("tab", length: 0...9) == "a\tb")
        #expect(failure { _ = try r.string("tab", length: 0...9, singleLine: true) }?.contains("'tab'") == true)
        #expect(try r.string("nl", length: 0...9) == "a\nb")
        #expect(failure { _ = try r.requiredString("nl", length: 1...9) }?.contains("control characters") == true)
        #expect(failure { _ = try r.string("nul", length: 0...9) }?.contains("'nul'") == true)
        #expect(failure { _ = try r.string("num", length: 0...9) } == "Invalid parameter 'num': must be a string, not number.")
    }

    @Test func optionTreatsTheEmptyStringAsUnset() throws {
        let r = try reader(#"{"e": "", "v": "x"}"#)
        #expect(try r.option("e", maxLength: 5) == nil)
        #expect(try r.option("v", maxLength: 5) == "x")
    }

    @Test func integersUseIntegerSyntaxAndRanges() throws {
        let r = try reader(#"{"i": 7, "neg": -1, "dec": 1.0, "exp": 1e3, "str": "7", "big": 9223372036854775808, "max": 9223372036854775807}"#)
        #expect(try r.int("i", range: 1...10) == 7)
        #expect(failure { _ = try r.int("i", range: 1...5) }?.contains("'i': must be between 1 and 5") == true)
        #expect(failure { _ = try r.int("neg", range: 0...5) }?.contains("'neg'") == true)
        #expect(failure { _ = try r.int("dec", range: 0...5) }?.contains("'dec': must be an integer") == true)
        #expect(failure { _ = try r.int("exp", range: 0...5000) }?.contains("'exp'") == true)
        #expect(failure { _ = try r.int("str", range: 0...9) } == "Invalid parameter 'str': must be an integer, not string.")
        #expect(failure { _ = try r.int64("big", minimum: 1) }?.contains("'big'") == true)
        #expect(try r.int64("max", minimum: 1) == Int64.max)
        #expect(failure { _ = try r.int64("neg", minimum: 1) }?.contains("'neg': must be at least 1") == true)
    }

    @Test func booleansAreJSONBooleansOnly() throws {
        let r = try reader(#"{"t": true, "s": "true", "n": 1}"#)
        #expect(try r.bool("t") == true)
        #expect(failure { _ = try r.bool("s") } == "Invalid parameter 's': must be a boolean, not string.")
        #expect(failure { _ = try r.bool("n") }?.contains("'n'") == true)
    }

    enum Color: String, CaseIterable { case red, green }

    @Test func choicesListTheAllowedValues() throws {
        let r = try reader(#"{"c": "red", "bad": "blue"}"#)
        #expect(try r.choice("c", Color.self) == .red)
        #expect(failure { _ = try r.choice("bad", Color.self) } == "Invalid parameter 'bad': must be one of 'red', 'green'.")
    }

    @Test func arraysAreBoundedAndNameTheFailingItem() throws {
        let r = try reader(#"{"a": ["x", "yy"], "mixed": ["x", 2], "o": [{"k": "v"}, {"k": 3}], "notArray": "x"}"#)
        #expect(try r.stringArray("a", maxCount: 2, itemLength: 1...2) == ["x", "yy"])
        #expect(failure { _ = try r.stringArray("a", maxCount: 1, itemLength: 1...2) }?.contains("'a': must have at most 1 items") == true)
        #expect(failure { _ = try r.stringArray("a", maxCount: 2, itemLength: 1...1) }?.contains("'a[1]'") == true)
        #expect(failure { _ = try r.stringArray("mixed", maxCount: 5, itemLength: 0...5) }?.contains("'mixed[1]'") == true)
        #expect(failure { _ = try r.stringArray("notArray", maxCount: 5, itemLength: 0...5) }?.contains("'notArray'") == true)
        let each = { (item: FieldReader) throws(APIError) -> String in try item.requiredString("k", length: 1...5) }
        #expect(failure { _ = try r.objectArray("o", maxCount: 5, each) }?.contains("'o[1].k'") == true)
        #expect(failure { _ = try r.objectArray("a", maxCount: 5, each) }?.contains("'a[0]': must be an object") == true)
    }

    @Test func nestedObjectsPrefixTheFieldPath() throws {
        let r = try reader(#"{"outer": {"inner": {"cpu": 0.25}}, "flat": 1}"#)
        let inner = try #require(try r.object("outer")?.object("inner"))
        #expect(failure { _ = try inner.double("cpu", minimum: 0.5) } == "Invalid parameter 'outer.inner.cpu': must be at least 0.5.")
        #expect(failure { _ = try r.object("flat") } == "Invalid parameter 'flat': must be an object, not number.")
        let ok = try reader(#"{"cpu": 1.5, "int": 2}"#)
        #expect(try ok.double("cpu", minimum: 0.5) == 1.5 && ok.double("int", minimum: 0.5) == 2)
    }
}
