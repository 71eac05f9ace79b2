import Foundation
import JSONCodec
import Testing
import TestSupport

/// `udf_jar_url` over the whole service (HTTP with authentication on, PostgreSQL, the object store on
/// disk, the test Flink cluster): a SQL job that registers and calls the scalar function
/// `streamjobs.testudf.Shout` (flink/test-udf, at `obs://jars/test-udf.jar` of each test project) runs
/// with the jar and fails without it, with Flink's reason in `status_desc`. The jar comes only from
/// `udf_jar_url`, resolved in the job's own project: SQL that names a jar by path (`ADD JAR`, `USING
/// JAR`, `SET 'pipeline.classpaths'`) is refused, another project's jar does not resolve, and a Jar job
/// has no `udf_jar_url`.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(5)))
struct UdfJarFlinkTests {
    static let function = "CREATE TEMPORARY FUNCTION shout AS 'streamjobs.testudf.Shout';"

    /// 20 random strings through `shout` into csv files below the local directory `out`. Bounded, so
    /// the job finishes; the final checkpoint commits the files.
    static func shoutSQL(into out: String, prelude: String = "", function: String = Self.function) -> String {
        """
        \(prelude)
        CREATE TEMPORARY TABLE src (s STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '20', 'fields.s.length' = '6');
        CREATE TEMPORARY TABLE snk (s STRING) WITH ('connector' = 'filesystem', 'path' = 'file://\(out)', 'format' = 'csv');
        \(function)
        INSERT INTO snk SELECT shout(s) FROM src;
        """
    }

    /// Creates a SQL job of A (`fields`: more JSON members, each starting with a comma) and runs it.
    static func createAndRun(_ t: TwoTenants, _ name: String, sql: String, fields: String = "") throws -> Int64 {
        let created = try t.attack(
            "POST", "sql-jobs",
            #"{"name": "\#(name)", "sql_body": \#(TwoTenants.quoted(sql)), "checkpoint_enabled": true, "checkpoint_interval": 1"#
                + fields + "}")
        let id = try #require(try created.json()["job"]?["job_id"]?.int64Value, "\(created.bodyString)")
        let run = try t.attack("POST", "jobs/run", #"{"job_ids": [\#(id)]}"#)
        #expect(run.status == 200, "\(run.bodyString)")
        return id
    }

    /// Waits until A's job reaches `status`; its `status_desc` then (nil if it never did).
    static func wait(_ t: TwoTenants, _ id: Int64, for status: String, seconds: Double = 120) -> String? {
        var desc: String?
        let reached = FlinkTestEnvironment.eventually(seconds) {
            guard let detail = try? t.detail(t.a, id), detail["status"]?.stringValue == status else { return false }
            desc = detail["status_desc"]?.stringValue ?? ""
            return true
        }
        return reached ? desc : nil
    }

    /// The rows of the committed csv files (`part-*`) below `dir`, without their quotes.
    static func committedRows(_ dir: String) -> [String] {
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: dir)) ?? []
        return files.filter { ($0 as NSString).lastPathComponent.hasPrefix("part-") }.flatMap { file in
            (try? String(contentsOfFile: dir + "/" + file, encoding: .utf8))?.split(separator: "\n").map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r"))
            } ?? []
        }
    }

    @Test func aSQLJobCallsTheUDFOfItsUdfJarAndFailsWithFlinksReasonWithoutIt() throws {
        let t = try TwoTenants()
        let out = t.space(t.a) + "/out/\(UInt32.random(in: 0...UInt32.max))"
        let with = try Self.createAndRun(
            t, "udf-with", sql: Self.shoutSQL(into: out + "/with"), fields: #", "udf_jar_url": "obs://jars/test-udf.jar""#)
        let without = try Self.createAndRun(t, "udf-without", sql: Self.shoutSQL(into: out + "/without"))

        #expect(Self.wait(t, with, for: "job_finish") != nil, "\(String(describing: try? t.detail(t.a, with)))")
        let rows = Self.committedRows(out + "/with")
        #expect(rows.count == 20 && rows.allSatisfy { $0.count == 7 && $0.hasSuffix("!") && $0 == $0.uppercased() }, "\(rows)")
        #expect(try t.detail(t.a, with)?["job_config"]?["udf_jar_url"]?.stringValue == "obs://jars/test-udf.jar")

        // Flink's root cause: java.lang.ClassNotFoundException: streamjobs.testudf.Shout
        let reason = Self.wait(t, without, for: "job_submit_fail")
        #expect(reason?.contains("streamjobs.testudf.Shout") == true, "\(String(describing: reason))")
        #expect(Self.committedRows(out + "/without").isEmpty)
        t.expectNothingOfBReachedA()
    }

    @Test func sqlCannotLoadAJarByPathNorFromAnotherProject() throws {
        let t = try TwoTenants()
        let fm = FileManager.default
        // B holds the UDF jar at obs://bbucket/udf.jar; A has it too, at its own obs://jars/test-udf.jar.
        try fm.createDirectory(atPath: t.space(t.b) + "/bbucket", withIntermediateDirectories: true)
        try fm.copyItem(atPath: t.space(t.b) + "/jars/test-udf.jar", toPath: t.space(t.b) + "/bbucket/udf.jar")
        let bFiles = t.fileHashes(t.b)
        let ownJar = t.space(t.a) + "/jars/test-udf.jar"
        let out = t.space(t.a) + "/out/\(UInt32.random(in: 0...UInt32.max))"

        // A real jar, named by path in the SQL: today's Flink would load it, bypassing the project space.
        let addJar = try Self.createAndRun(t, "add-jar", sql: Self.shoutSQL(into: out + "/add", prelude: "ADD JAR '\(ownJar)';"))
        let usingJar = try Self.createAndRun(
            t, "using-jar",
            sql: Self.shoutSQL(
                into: out + "/using", function: "CREATE TEMPORARY FUNCTION shout AS 'streamjobs.testudf.Shout' USING JAR '\(ownJar)';"))
        let setClasspath = try Self.createAndRun(
            t, "set-classpath", sql: Self.shoutSQL(into: out + "/set", prelude: "SET 'pipeline.classpaths' = 'file://\(ownJar)';"))
        // B's jar by its obs:// name: resolved in A's own space, where there is no such object.
        let foreign = try Self.createAndRun(
            t, "foreign-udf", sql: Self.shoutSQL(into: out + "/foreign"), fields: #", "udf_jar_url": "obs://bbucket/udf.jar""#)

        for (id, statement) in [(addJar, "ADD JAR"), (usingJar, "USING JAR"), (setClasspath, "SET 'pipeline.classpaths'")] {
            let reason = Self.wait(t, id, for: "job_submit_fail")
            #expect(reason?.contains(statement) == true && reason?.contains("udf_jar_url") == true, "\(String(describing: reason))")
        }
        let missing = Self.wait(t, foreign, for: "job_submit_fail")
        #expect(missing?.contains("obs://bbucket/udf.jar: no such object") == true, "\(String(describing: missing))")
        #expect(!fm.fileExists(atPath: out))

        // A Jar job has no udf_jar_url in DLI: refused on create and update, pointing at dependency_jars.
        let jarBody = #"{"name": "jar-udf", "entrypoint": "obs://jars/test-jobs.jar", "main_class": "streamjobs.testjobs.SeqJob""#
        let refused = try t.attack("POST", "flink-jobs", jarBody + #", "udf_jar_url": "obs://jars/test-udf.jar"}"#)
        t.expectRefused(refused, naming: "udf_jar_url", "Jar job create")
        #expect(refused.bodyString.contains("dependency_jars"), "\(refused.bodyString)")
        let jar = try t.attack("POST", "flink-jobs", jarBody + "}")
        let jarID = try #require(try jar.json()["job"]?["job_id"]?.int64Value, "\(jar.bodyString)")
        t.expectRefused(
            try t.attack("PUT", "flink-jobs/\(jarID)", #"{"udf_jar_url": "obs://jars/test-udf.jar"}"#), naming: "udf_jar_url",
            "Jar job update")
        #expect(try t.detail(t.a, jarID)?["job_config"]?["udf_jar_url"] ?? .null == .null)

        #expect(t.fileHashes(t.b) == bFiles)
        t.expectNothingOfBReachedA()
    }
}
