import Foundation
import Testing
import TestSupport

/// File locations in a SQL job's text (connector and catalog options such as the filesystem
/// connector's `'path'`, and `SET` keys such as `table.resources.download-dir`) over the whole service
/// (HTTP with authentication on, PostgreSQL, the object store on disk, the test Flink cluster). They
/// stay in the job's project space: `obs://bucket/key` is the project's object, a file path must lie
/// inside the space after `..` and symbolic links, and anything else ends in `job_submit_fail` naming
/// the option, before Flink reads or writes a file.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(5)))
struct SqlTablePathFlinkTests {
    static let refusal = "paths in a StreamJobs SQL job must be obs:// objects of the job's project"

    /// 20 random strings into csv files at the filesystem sink `path` (a SQL literal's text).
    static func sinkSQL(path: String, prelude: String = "") -> String {
        """
        \(prelude)
        CREATE TEMPORARY TABLE src (s STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '20', 'fields.s.length' = '6');
        CREATE TEMPORARY TABLE snk (s STRING) WITH ('connector' = 'filesystem', 'path' = '\(path)', 'format' = 'csv');
        INSERT INTO snk SELECT s FROM src;
        """
    }

    /// Runs A's job and expects `job_submit_fail` with a reason naming `option` and the rule.
    static func expectRefused(_ t: TwoTenants, _ name: String, sql: String, option: String = "'path'") throws {
        let id = try UdfJarFlinkTests.createAndRun(t, name, sql: sql)
        let reason = UdfJarFlinkTests.wait(t, id, for: "job_submit_fail")
        #expect(
            reason?.contains(option) == true && reason?.contains(Self.refusal) == true,
            "\(name): \(String(describing: reason)) \(String(describing: try? t.detail(t.a, id)))")
    }

    @Test func anObsPathIsTheProjectsObjectAndItsRowsLandInTheProjectsSpace() throws {
        let t = try TwoTenants()
        let key = "out/\(UInt32.random(in: 0...UInt32.max))"
        let id = try UdfJarFlinkTests.createAndRun(t, "obs-sink", sql: Self.sinkSQL(path: "obs://abucket/\(key)"))
        #expect(UdfJarFlinkTests.wait(t, id, for: "job_finish") != nil, "\(String(describing: try? t.detail(t.a, id)))")
        let rows = UdfJarFlinkTests.committedRows(t.space(t.a) + "/abucket/" + key)
        #expect(rows.count == 20 && rows.allSatisfy { $0.count == 6 }, "\(rows)")
        #expect(!FileManager.default.fileExists(atPath: t.space(t.b) + "/abucket"))
        t.expectNothingOfBReachedA()
    }

    @Test func aPathInAnotherProjectsSpaceIsRefusedAndNothingThereIsReadOrWritten() throws {
        let t = try TwoTenants()
        let fm = FileManager.default
        try fm.createDirectory(atPath: t.space(t.b) + "/bbucket", withIntermediateDirectories: true)
        #expect(
            fm.createFile(atPath: t.space(t.b) + "/bbucket/secret.csv", contents: Data("\(TwoTenants.marker)\n".utf8)))
        let bFiles = t.fileHashes(t.b)
        let own = t.space(t.a) + "/out/\(UInt32.random(in: 0...UInt32.max))"

        try Self.expectRefused(t, "b-url", sql: Self.sinkSQL(path: "file://" + t.space(t.b) + "/bbucket/url"))
        try Self.expectRefused(t, "b-plain", sql: Self.sinkSQL(path: t.space(t.b) + "/bbucket/plain"))
        try Self.expectRefused(t, "b-space", sql: Self.sinkSQL(path: t.space(t.b)))
        // Reading B's file into A's own space: refused too.
        let read = """
            CREATE TEMPORARY TABLE src (s STRING) WITH ('connector' = 'filesystem', 'path' = '\(t.space(t.b))/bbucket/secret.csv', 'format' = 'csv');
            CREATE TEMPORARY TABLE snk (s STRING) WITH ('connector' = 'filesystem', 'path' = 'file://\(own)', 'format' = 'csv');
            INSERT INTO snk SELECT s FROM src;
            """
        try Self.expectRefused(t, "b-read", sql: read)
        // A configuration key that names a folder the cluster writes.
        try Self.expectRefused(
            t, "b-download-dir",
            sql: Self.sinkSQL(
                path: "file://\(own)/dl", prelude: "SET 'table.resources.download-dir' = '\(t.space(t.b))';"),
            option: "SET 'table.resources.download-dir'")

        #expect(t.fileHashes(t.b) == bFiles)
        #expect(try fm.contentsOfDirectory(atPath: t.space(t.b) + "/bbucket") == ["secret.csv"])
        #expect(!fm.fileExists(atPath: own))
        t.expectNothingOfBReachedA()
    }

    @Test func dotDotAndASymbolicLinkOutOfTheSpaceAreRefused() throws {
        let t = try TwoTenants()
        let fm = FileManager.default
        try fm.createDirectory(atPath: t.space(t.b) + "/bbucket", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: t.space(t.a) + "/abucket", withIntermediateDirectories: true)
        // A link inside A's space (as an operator or a bug might leave one) that points into B's.
        try fm.createSymbolicLink(
            atPath: t.space(t.a) + "/abucket/link", withDestinationPath: t.space(t.b) + "/bbucket")
        let bFiles = t.fileHashes(t.b)

        try Self.expectRefused(
            t, "dotdot-url", sql: Self.sinkSQL(path: "file://\(t.space(t.a))/abucket/../../\(t.b)/bbucket/x"))
        try Self.expectRefused(t, "dotdot-new", sql: Self.sinkSQL(path: "\(t.space(t.a))/new/../../\(t.b)/bbucket/y"))
        try Self.expectRefused(t, "link-url", sql: Self.sinkSQL(path: "file://\(t.space(t.a))/abucket/link/z"))
        try Self.expectRefused(t, "link-obs", sql: Self.sinkSQL(path: "obs://abucket/link/w"))
        try Self.expectRefused(t, "obs-dotdot", sql: Self.sinkSQL(path: "obs://abucket/../../\(t.b)/bbucket/v"))

        #expect(t.fileHashes(t.b) == bFiles)
        #expect(try fm.contentsOfDirectory(atPath: t.space(t.b) + "/bbucket").isEmpty)
        #expect(!fm.fileExists(atPath: t.space(t.a) + "/new"))
        t.expectNothingOfBReachedA()
    }

    @Test func otherSchemesAndRelativePathsAreRefused() throws {
        let t = try TwoTenants()
        try Self.expectRefused(t, "hdfs", sql: Self.sinkSQL(path: "hdfs://127.0.0.1:8020/x"))
        try Self.expectRefused(t, "http", sql: Self.sinkSQL(path: "http://127.0.0.1:1/x"))
        try Self.expectRefused(t, "relative", sql: Self.sinkSQL(path: "out/relative"))
        // A value spread over two adjacent literals ('file:///' 'tmp/x' is 'file:///tmp/x'): the same rule.
        try Self.expectRefused(t, "adjacent", sql: Self.sinkSQL(path: "file:///' 'tmp/x"))
        // A configuration key ending in .path, set without quotes.
        try Self.expectRefused(
            t, "set-savepoint",
            sql: Self.sinkSQL(path: "obs://abucket/sp", prelude: "SET execution.savepoint.path = /tmp;"),
            option: "SET 'execution.savepoint.path'")
        t.expectNothingOfBReachedA()
    }
}
