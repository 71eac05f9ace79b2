@testable import PostgresClient
import Testing
import TestSupport

/// Statements with `resultFormat: .binary`: each accessor reads the server's binary form, by itself and
/// in a pipeline, and agrees with what the same SQL gives in text.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct BinaryResultTests {
    static let values = PGStatement(
        name: "binary.values",
        sql: """
            SELECT 7::int2, -70000::int4, 9223372036854775807::int8, true, false, 'grüße'::text, NULL::int8,
                   '2025-01-12 13:46:26.123999+00'::timestamptz, '1969-12-31 23:59:59.9995+00'::timestamptz,
                   'infinity'::timestamptz, ARRAY['a', '', 'ç,"x"']::text[], '{}'::text[], ARRAY[NULL]::text[],
                   '[{"key": "k", "value": "v\\"w"}]'::jsonb, '{"a": 1}'::json
            """,
        resultFormat: .binary)

    @Test func readsEveryBinaryKind() throws {
        try withTestConnection { connection throws in
            let r = try connection.execute(Self.values)
            #expect((0..<r.columnCount).allSatisfy(r.isBinary))
            #expect(r.int64(0, 0) == 7)
            #expect(r.int64(0, 1) == -70000)
            #expect(r.int64(0, 2) == .max)
            #expect(r.bool(0, 3) == true)
            #expect(r.bool(0, 4) == false)
            #expect(r.string(0, 5) == "grüße")
            #expect(r.int64(0, 6) == nil)
            #expect(r.epochMilliseconds(0, 7) == 1_736_689_586_123, "rounded down, not to nearest")
            #expect(r.epochMilliseconds(0, 8) == -1, "before 1970 rounds towards minus infinity")
            #expect(r.epochMilliseconds(0, 9) == nil, "infinity has no millisecond value")
            #expect(r.stringArray(0, 10) == ["a", "", "ç,\"x\""])
            #expect(r.stringArray(0, 11) == [])
            #expect(r.stringArray(0, 12) == nil, "a NULL element is not a string")
            #expect(r.withJSONBytes(0, 13) { $0.map { String(decoding: $0, as: UTF8.self) } } == #"[{"key": "k", "value": "v\"w"}]"#)
            #expect(r.withJSONBytes(0, 14) { $0.map { String(decoding: $0, as: UTF8.self) } } == #"{"a": 1}"#)
        }
    }

    @Test func textResultsAreUnchangedAndHaveNoBinaryOnlyValues() throws {
        try withTestConnection { connection throws in
            let text = PGStatement(name: "binary.values.text", sql: Self.values.sql)
            let r = try connection.execute(text)
            #expect(!r.isBinary(0))
            #expect(r.int64(0, 2) == .max)
            #expect(r.bool(0, 3) == true)
            #expect(r.epochMilliseconds(0, 7) == nil, "text timestamps are not parsed")
            #expect(r.stringArray(0, 10) == nil)
            #expect(r.withJSONBytes(0, 13) { $0.map { String(decoding: $0, as: UTF8.self) } } == #"[{"key": "k", "value": "v\"w"}]"#)
        }
    }

    @Test func pipelinesMixFormatsPerStatement() throws {
        try withTestConnection { connection throws in
            var batch = PGBatch(PGStatement(name: "binary.one", sql: "SELECT $1::int8 + 1", resultFormat: .binary), [41])
            batch.add(PGStatement(name: "binary.one.text", sql: "SELECT $1::int8 + 1"), [1])
            let results = try connection.pipelined(batch)
            #expect(results[0].isBinary(0) && results[0].int64(0, 0) == 42)
            #expect(!results[1].isBinary(0) && results[1].string(0, 0) == "2")
        }
    }

    enum Color: String, CaseIterable { case red, green, blueish = "blue-ish" }

    @Test(arguments: [PGResultFormat.text, .binary])
    func choicesMatchNamesOnTheBytes(format: PGResultFormat) throws {
        try withTestConnection { connection throws in
            let r = try connection.execute(
                PGStatement(
                    name: "binary.choices.\(format.rawValue)",
                    sql: "SELECT 'green'::text, 'blue-ish'::text, 'gree'::text, 'greens'::text, NULL::text, ''::text",
                    resultFormat: format))
            let colors = PGTextChoices<Color>()
            #expect(r.choice(0, 0, colors) == .green)
            #expect(r.choice(0, 1, colors) == .blueish)
            #expect(r.choice(0, 2, colors) == nil && r.choice(0, 3, colors) == nil, "prefixes and extensions are not names")
            #expect(r.choice(0, 4, colors) == nil && r.choice(0, 5, colors) == nil)
            #expect(r.choice(0, 0, PGTextChoices([("green", 7), ("green", 8)])) == 7, "the first of equal names wins")
        }
    }
}
