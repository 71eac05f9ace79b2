import Testing

@testable import HTTPServer

@Suite("Percent decoding")
struct PercentEncodedStringTests {
    @Test(
        "well-formed escapes decode",
        arguments: [
            ("abc", "abc"), ("a%2Fb", "a/b"), ("%20", " "), ("%C3%A9", "é"), ("%c3%a9", "é"), ("a+b", "a+b"),
            ("%25", "%"), ("", ""), ("caf%C3%A9%21", "café!"), ("%F0%9F%98%80", "😀"),
        ])
    func decodes(raw: String, expected: String) {
        let value = PercentEncodedString(raw)
        #expect(value.raw == raw)
        #expect(value.decoded == expected)
    }

    @Test("%00 decodes to NUL and never truncates")
    func nulIsKept() {
        let value = PercentEncodedString("2%00junk")
        #expect(value.decoded == "2\u{0}junk")
        #expect(value.decoded?.utf8.count == 6)
    }

    @Test("malformed escapes give nil", arguments: ["%zz", "%4", "%", "a%", "%g0", "%0g", "ab%2"])
    func malformed(raw: String) {
        #expect(PercentEncodedString(raw).decoded == nil)
    }

    @Test(
        "invalid UTF-8 gives nil",
        arguments: [
            "%C0%AF",  // overlong "/"
            "%E0%80%AF",  // overlong "/" in three bytes
            "%ED%A0%80",  // UTF-16 surrogate
            "%FF", "%C3", "%80", "%F4%90%80%80",  // beyond U+10FFFF
        ])
    func invalidUTF8(raw: String) {
        #expect(PercentEncodedString(raw).decoded == nil)
    }

    @Test("raw bytes that are not UTF-8 give nil")
    func rawInvalidBytes() {
        let value = PercentEncodedString(rawBytes: [0x61, 0xFF, 0x62], plusAsSpace: false)
        #expect(value.decoded == nil)
        #expect(value.raw == "a\u{FFFD}b")
    }

    @Test("plus means space only when asked (queries)")
    func plus() {
        #expect(PercentEncodedString("a+b", plusAsSpace: true).decoded == "a b")
        #expect(PercentEncodedString("a%2Bb", plusAsSpace: true).decoded == "a+b")
        #expect(PercentEncodedString("a+b").decoded == "a+b")
    }
}
