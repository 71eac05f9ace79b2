import DLIAPI
import Foundation
import JSONCodec
import TestSupport
import Testing
import ZipArchive

/// The limits export and import share (1000 jobs, 8 MiB per definition, 64 MiB in all, uncompressed),
/// counted over the whole request, end to end over HTTP and PostgreSQL. The archives are built of
/// highly compressible definitions, so they are small on disk.
@Suite(.enabled(if: TestDatabase.isConfigured)) final class TransferLimitsAPITests: ObjectRootFixture {
    let service: LiveService
    let scratch: String
    var root: String { scratch + "/objects" }

    init() throws {
        scratch = NSTemporaryDirectory() + "sj-transfer-limits-" + UUID().uuidString
        service = try LiveService(
            databaseURL: try TestDatabase.migrated(), extra: ["STREAMJOBS_OBJECT_ROOT": scratch + "/objects"])
    }

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    func post(_ p: String, _ action: String, _ json: String) throws -> HTTPTestResponse {
        try service.send("POST", "/v1.0/\(p)/streaming/jobs/\(action)", json: json)
    }

    /// Exports with the default limits and returns the archive's object path.
    func export(_ p: String, _ json: String) throws -> String {
        let r = try post(p, "export", json)
        guard r.status == 200, let path = try r.json()["zip_file"]?.arrayValue?.first?.stringValue else {
            throw TestFailure("export failed: \(r.status) \(r.bodyString)")
        }
        return path
    }

    func liveJobCount(_ p: String) throws -> Int {
        let r = try service.send("GET", "/v1.0/\(p)/streaming/jobs?limit=1")
        return Int(try r.json()["job_list"]?["total_count"]?.int64Value ?? -1)
    }

    /// An archive of valid definitions `<first>.json`… named `<prefix>-<id>`, each padded with
    /// whitespace (valid JSON) to `entryBytes`.
    func paddedArchive(prefix: String, ids: Range<Int>, entryBytes: Int) throws -> [UInt8] {
        var writer = ZipWriter(modifiedAt: 0)
        for id in ids {
            var body = Array(#"{"name": "\#(prefix)-\#(id)", "sql_body": "SELECT 1"}"#.utf8)
            body += [UInt8](repeating: UInt8(ascii: " "), count: entryBytes - body.count)
            try writer.add(name: "\(id).json", contents: body)
        }
        return writer.finish()
    }

    @Test func aFolderOverTheTotalLimitIsRefusedAtTheFirstEntryPastItAndImportsNothing() throws {
        // 5 + 4 definitions of 7.5 MiB: each archive is within 64 MiB, together they are not (67.5 MiB).
        let entry = 15 << 19
        let p = uniqueProject()
        try writeFile("bucket/big/a.zip", of: p, try paddedArchive(prefix: "a", ids: 1..<6, entryBytes: entry))
        try writeFile("bucket/big/b.zip", of: p, try paddedArchive(prefix: "b", ids: 6..<10, entryBytes: entry))
        // Never reached: the import stops at the limit, before this archive is even read.
        try writeFile("bucket/big/c.zip", of: p, Array("not a zip".utf8))
        let r = try post(p, "import", #"{"zip_file": "obs://bucket/big"}"#)
        #expect(r.status == 400 && r.errorCode == "DLI.0001" && r.bodyString.contains("'zip_file'"), "\(r.bodyString)")
        #expect(
            r.bodyString.contains("\(64 << 20) bytes") && r.bodyString.contains("b.zip' entry '9.json'"),
            "\(r.bodyString)")
        #expect(try liveJobCount(p) == 0)
        // Without the third archive's bytes the first two alone are still refused; each alone imports.
        try FileManager.default.removeItem(atPath: space(p) + "/bucket/big/c.zip")
        #expect(try post(p, "import", #"{"zip_file": "bucket/big"}"#).status == 400)
        #expect(try liveJobCount(p) == 0)
        let one = try post(p, "import", #"{"zip_file": "bucket/big/b.zip"}"#)
        #expect(one.status == 200, "\(one.bodyString)")
        #expect(try liveJobCount(p) == 4)
    }

    @Test func jobsAreCountedOverAllArchivesOfAFolder() throws {
        let p = uniqueProject()
        try writeFile("bucket/many/a.zip", of: p, try paddedArchive(prefix: "a", ids: 1..<601, entryBytes: 64))
        try writeFile("bucket/many/b.zip", of: p, try paddedArchive(prefix: "b", ids: 601..<1202, entryBytes: 64))
        let r = try post(p, "import", #"{"zip_file": "bucket/many"}"#)
        #expect(
            r.status == 400 && r.errorCode == "DLI.0001" && r.bodyString.contains("more than 1000 jobs"),
            "\(r.bodyString)")
        #expect(try liveJobCount(p) == 0)
    }

    @Test func exportRefusesAnArchiveImportWouldRefuseAndWritesNothing() throws {
        // The same rule with a 100 kB total (set as the runtime allows; the defaults are above), so the
        // jobs stay small: 4 definitions of about 28 kB pass it, 3 do not.
        let small = try LiveService(
            databaseURL: try TestDatabase.migrated(), extra: ["STREAMJOBS_OBJECT_ROOT": root],
            configure: { $0.archiveLimits = ArchiveLimits(maxTotalBytes: 100_000) })
        func post(_ p: String, _ action: String, _ json: String) throws -> HTTPTestResponse {
            try small.send("POST", "/v1.0/\(p)/streaming/jobs/\(action)", json: json)
        }
        func jobCount(_ p: String) throws -> Int64? {
            try small.send("GET", "/v1.0/\(p)/streaming/jobs?limit=1").json()["job_list"]?["total_count"]?.int64Value
        }
        let p = uniqueProject()
        let sql = String(repeating: "SELECT 1;\\n", count: 2500)
        var ids: [Int64] = []
        for i in 0..<4 {
            let r = try small.send(
                "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "j\#(i)", "sql_body": "\#(sql)"}"#)
            ids.append(try #require(try r.json()["job"]?["job_id"]?.int64Value, "\(r.bodyString)"))
        }
        let all = try post(p, "export", #"{"obs_dir": "bucket/out", "is_selected": false}"#)
        #expect(all.status == 400 && all.errorCode == "DLI.0009", "\(all.bodyString)")
        #expect(all.bodyString.contains("100000 bytes") && all.bodyString.contains("job_selected"), "\(all.bodyString)")
        let every = ids.map(String.init).joined(separator: ", ")
        let chosen = try post(
            p, "export", #"{"obs_dir": "bucket/out", "is_selected": true, "job_selected": [\#(every)]}"#)
        #expect(chosen.status == 400 && chosen.errorCode == "DLI.0009", "\(chosen.bodyString)")
        #expect(files(space(p) + "/bucket/out").isEmpty)
        // One job fewer fits, and import takes it back under the same limits.
        let fewer = ids.dropLast().map(String.init).joined(separator: ", ")
        let ok = try post(p, "export", #"{"obs_dir": "bucket/out", "is_selected": true, "job_selected": [\#(fewer)]}"#)
        #expect(ok.status == 200, "\(ok.bodyString)")
        let path = try #require(try ok.json()["zip_file"]?.arrayValue?.first?.stringValue)
        // Projects share no objects: the archive is copied into the other project's space first.
        let q = uniqueProject()
        let relative = String(path.dropFirst(path.hasPrefix("obs://") ? 6 : 0))
        try writeFile(relative, of: q, Array(try Data(contentsOf: URL(fileURLWithPath: space(p) + "/" + relative))))
        #expect(try post(q, "import", #"{"zip_file": "\#(path)"}"#).status == 200)
        #expect(try jobCount(q) == 3)
        // What the default limits export, these limits refuse to import.
        let big = try export(p, #"{"obs_dir": "bucket/default", "is_selected": false}"#)
        let r = try post(p, "import", #"{"zip_file": "\#(big)"}"#)
        #expect(
            r.status == 400 && r.errorCode == "DLI.0001" && r.bodyString.contains("100000 bytes"), "\(r.bodyString)")
    }
}
