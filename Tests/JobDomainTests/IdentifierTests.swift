import Testing

@testable import JobDomain

@Suite struct IdentifierTests {
    @Test(arguments: ["a", "0123456789abcdef0123456789abcdef", "A-b_C", String(repeating: "x", count: 64)])
    func validProjectIDs(text: String) { #expect(ProjectID(text)?.rawValue == text) }

    @Test(arguments: ["", String(repeating: "x", count: 65), "a b", "a/b", "a%2Fb", "é", "a\u{0}", "a.b", "ａ"])
    func invalidProjectIDs(text: String) { #expect(ProjectID(text) == nil) }

    @Test(arguments: [("1", Int64(1)), ("148", 148), ("9223372036854775807", Int64.max)])
    func validJobIDs(text: String, value: Int64) { #expect(JobID(decimal: text)?.rawValue == value) }

    @Test(arguments: ["0", "-1", "+1", "01", "0001", "9223372036854775808", "99999999999999999999", "12a", "1.5", " 1", "1 ", "", "١"])
    func invalidJobIDs(text: String) { #expect(JobID(decimal: text) == nil) }
}
