import Foundation
import Testing

/// `dirty_data_strategy` on a real Flink SQL job, over the whole service (HTTP with authentication on):
/// a csv source with one row its format cannot parse. `"0"` (DLI's default) lets the job go on (Flink
/// sets the field it cannot parse to NULL) and finish; `"1"` fails the job with Flink's parse error; an option the SQL sets itself
/// wins over the strategy; `"2:<obs dir>"` (save the rows) is refused, since Flink's formats cannot.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(5)))
struct DirtyDataFlinkTests {
    /// Copies csv rows (one of them not an INT) from `input` to `output`, both object paths of A.
    static func copySQL(input: String, output: String, sourceOptions: String = "") -> String {
        """
        CREATE TEMPORARY TABLE src (id INT, s STRING) WITH ('connector' = 'filesystem', 'path' = '\(input)', 'format' = 'csv'\(sourceOptions));
        CREATE TEMPORARY TABLE snk (id INT, s STRING) WITH ('connector' = 'filesystem', 'path' = '\(output)', 'format' = 'csv');
        INSERT INTO snk SELECT id, s FROM src;
        """
    }

    @Test func unparsableRowsAreSkippedWithZeroAndFailTheJobWithOne() throws {
        let t = try TwoTenants()
        let run = UInt32.random(in: 0...UInt32.max)
        let input = t.space(t.a) + "/abucket/in-\(run)"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try "1,one\nnot-a-number,two\n3,three\n".write(toFile: input + "/rows.csv", atomically: true, encoding: .utf8)
        let source = "obs://abucket/in-\(run)"

        let skip = try UdfJarFlinkTests.createAndRun(
            t, "dirty-skip", sql: Self.copySQL(input: source, output: "obs://abucket/out-\(run)/skip"),
            fields: #", "dirty_data_strategy": "0""#)
        let fail = try UdfJarFlinkTests.createAndRun(
            t, "dirty-fail", sql: Self.copySQL(input: source, output: "obs://abucket/out-\(run)/fail"),
            fields: #", "dirty_data_strategy": "1""#)
        let own = try UdfJarFlinkTests.createAndRun(
            t, "dirty-own",
            sql: Self.copySQL(
                input: source, output: "obs://abucket/out-\(run)/own", sourceOptions: ", 'csv.ignore-parse-errors' = 'false'"),
            fields: #", "dirty_data_strategy": "0""#)

        #expect(UdfJarFlinkTests.wait(t, skip, for: "job_finish") != nil, "\(String(describing: try? t.detail(t.a, skip)))")
        // Flink's csv format sets a field it cannot parse to NULL (written back as an empty field).
        let rows = UdfJarFlinkTests.committedRows(t.space(t.a) + "/abucket/out-\(run)/skip").sorted()
        #expect(rows == [",two", "1,one", "3,three"], "\(rows)")

        for id in [fail, own] {
            let reason = UdfJarFlinkTests.wait(t, id, for: "job_running_exception")
            #expect(reason?.contains("not-a-number") == true, "\(String(describing: reason))")
        }

        let saved = try t.attack(
            "POST", "sql-jobs", #"{"name": "dirty-save", "dirty_data_strategy": "2:obs://abucket/dirty"}"#)
        #expect(saved.status == 400 && saved.bodyString.contains("saving unparsable rows"), "\(saved.bodyString)")
    }
}
