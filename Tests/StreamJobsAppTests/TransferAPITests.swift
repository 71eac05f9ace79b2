import Foundation
import JSONCodec
import Testing
import TestSupport
import ZipArchive

/// Export and import of job definitions as zip archives, end to end over HTTP and PostgreSQL, with
/// the object store in a temporary folder.
@Suite(.enabled(if: TestDatabase.isConfigured)) final class TransferAPITests: ObjectRootFixture {
    let service: LiveService
    /// The scratch folder; the object root is `<scratch>/objects`, and `<scratch>/outside` is outside it.
    let scratch: String
    var root: String { scratch + "/objects" }

    init() throws {
        scratch = NSTemporaryDirectory() + "sj-transfer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch + "/outside", withIntermediateDirectories: true)
        service = try LiveService(
            databaseURL: try TestDatabase.migrated(), extra: ["STREAMJOBS_OBJECT_ROOT": scratch + "/objects"].merging(LiveService.alarmReceiver) { $1 })
    }

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    // MARK: helpers

    func post(_ p: String, _ action: String, _ json: String) throws -> HTTPTestResponse {
        try service.send("POST", "/v1.0/\(p)/streaming/jobs/\(action)", json: json)
    }

    /// Exports and returns the archive's object path as answered.
    func export(_ p: String, _ json: String) throws -> String {
        let r = try post(p, "export", json)
        guard r.status == 200, let path = try r.json()["zip_file"]?.arrayValue?.first?.stringValue else {
            throw TestFailure("export failed: \(r.status) \(r.bodyString)")
        }
        #expect(try r.json()["is_success"] == .string("true"))
        return path
    }

    /// `(old, new, remark)` for each entry of an import that must succeed.
    func importJobs(_ p: String, _ zip: String, cover: Bool? = nil) throws -> [(Int64, Int64, String)] {
        let coverField = cover.map { #", "is_cover": \#($0)"# } ?? ""
        let r = try post(p, "import", #"{"zip_file": "\#(zip)"\#(coverField)}"#)
        guard r.status == 200, let mapping = try r.json()["job_mapping"]?.arrayValue else {
            throw TestFailure("import failed: \(r.status) \(r.bodyString)")
        }
        #expect(try r.json()["is_success"] == .string("true"))
        return mapping.map {
            ($0["old_job_id"]?.int64Value ?? 0, $0["new_job_id"]?.int64Value ?? 0, $0["remark"]?.stringValue ?? "")
        }
    }

    func detail(_ p: String, _ id: Int64) throws -> JSONValue {
        try #require(try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)").json()["job_detail"])
    }

    /// A job's detail without what differs between copies: ids, times, status, project.
    func definition(_ p: String, _ id: Int64) throws -> JSONObject {
        var object = try #require(try detail(p, id).objectValue)
        for key in ["job_id", "create_time", "update_time", "start_time", "duration", "project_id", "status", "status_desc", "user_name"] {
            object[key] = nil
        }
        return object
    }

    func liveJobIDs(_ p: String) throws -> [Int64] {
        let r = try service.send("GET", "/v1.0/\(p)/streaming/jobs?limit=100&order=asc")
        return (try r.json()["job_list"]?["jobs"]?.arrayValue ?? []).compactMap { $0["job_id"]?.int64Value }
    }

    /// Two jobs with non-default settings: a SQL job with tags and a Jar job.
    func makeJobs(_ p: String) throws -> (sql: Int64, jar: Int64) {
        let sql = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs",
            json: #"{"name": "orders", "desc": "d", "sql_body": "SELECT \"x\"\n", "queue_name": "q1", "cu_number": 6, "parallel_number": 3, "checkpoint_enabled": true, "checkpoint_mode": 2, "checkpoint_interval": 30, "obs_bucket": "bkt", "log_enabled": true, "smn_topic": "t", "restart_when_exception": true, "idle_state_retention": 60, "dirty_data_strategy": "1", "resume_checkpoint": true, "resume_max_num": 5, "runtime_config": "[{\"key\":\"pipeline.name\",\"value\":\"b\"}]", "flink_version": "1.15", "resource_config_version": "v2", "resource_config": {"max_slot": 2, "jobmanager_resource_spec": {"cpu": 1.5, "memory": "4G"}}, "tags": [{"key": "team", "value": "data"}, {"key": "env", "value": "prod"}]}"#)
        #expect(sql.status == 200, "\(sql.bodyString)")
        let jar = try service.send(
            "POST", "/v1.0/\(p)/streaming/flink-jobs",
            json: #"{"name": "jar-job", "main_class": "demo.Main", "entrypoint": "obs://bucket/app.jar", "entrypoint_args": "--rps 5", "dependency_jars": ["obs://bucket/dep.jar"], "dependency_files": ["obs://bucket/f.txt"], "feature": "basic", "checkpoint_path": "obs://bucket/cp", "tm_slot_num": 4}"#)
        #expect(jar.status == 200, "\(jar.bodyString)")
        return (
            try #require(try sql.json()["job"]?["job_id"]?.int64Value), try #require(try jar.json()["job"]?["job_id"]?.int64Value)
        )
    }

    // MARK: export

    @Test func exportAllWritesOneArchiveOfCreateBodies() throws {
        let p = uniqueProject()
        let (sql, jar) = try makeJobs(p)
        let deleted = try service.createJob(project: p, name: "gone")
        _ = try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(deleted)")
        let path = try export(p, #"{"obs_dir": "obs://bucket/exports/", "is_selected": false}"#)
        #expect(path.hasPrefix("obs://bucket/exports/\(p)_") && path.hasSuffix(".zip"))
        let entries = try ZipReader.entries(of: Array(try Data(contentsOf: URL(fileURLWithPath: file(path, of: p)))))
        #expect(entries.map(\.name) == ["\(sql).json", "\(jar).json"])
        let body = try JSONParser.parse(entries[0].contents)
        #expect(body["name"] == "orders" && body["job_type"] == "flink_opensource_sql_job")
        #expect(body["checkpoint_mode"]?.int64Value == 2 && body["cu_number"]?.int64Value == 6)
        #expect(body["tags"]?.arrayValue?.last?["value"] == "prod")
        #expect(body["job_id"] == nil && body["status"] == nil)
        let jarBody = try JSONParser.parse(entries[1].contents)
        #expect(jarBody["job_type"] == "flink_jar_job" && jarBody["main_class"] == "demo.Main" && jarBody["sql_body"] == nil)
        // A bucket-relative path is answered as written.
        let plain = try export(p, #"{"obs_dir": "bucket/exports", "is_selected": false}"#)
        #expect(plain.hasPrefix("bucket/exports/\(p)_") && plain != String(path.dropFirst(6)))
        #expect(files(space(p) + "/bucket/exports").count == 2)
    }

    @Test func exportSelectedAndValidation() throws {
        let p = uniqueProject()
        let (sql, jar) = try makeJobs(p)
        let path = try export(p, #"{"obs_dir": "bucket/sel", "is_selected": true, "job_selected": [\#(jar), \#(jar)]}"#)
        let entries = try ZipReader.entries(of: Array(try Data(contentsOf: URL(fileURLWithPath: file(path, of: p)))))
        #expect(entries.map(\.name) == ["\(jar).json"])
        _ = sql
        let cases: [(String, String, String)] = [
            (#"{"obs_dir": "bucket/v", "is_selected": true, "job_selected": [\#(sql), 999999999]}"#, "DLI.16001", ""),
            (#"{"obs_dir": "bucket/v", "is_selected": true}"#, "DLI.0001", "job_selected"),
            (#"{"obs_dir": "bucket/v", "is_selected": true, "job_selected": null}"#, "DLI.0001", "job_selected"),
            (#"{"obs_dir": "bucket/v", "is_selected": true, "job_selected": ["1"]}"#, "DLI.0001", "job_selected[0]"),
            (#"{"obs_dir": "bucket/v", "is_selected": true, "job_selected": []}"#, "DLI.0001", "job_selected"),
            (#"{"obs_dir": "bucket/v", "is_selected": "true"}"#, "DLI.0001", "is_selected"),
            (#"{"obs_dir": "bucket/v"}"#, "DLI.0001", "is_selected"),
            (#"{"obs_dir": 5, "is_selected": false}"#, "DLI.0001", "obs_dir"),
            (#"{"obs_dir": null, "is_selected": false}"#, "DLI.0001", "obs_dir"),
            (#"{"is_selected": false}"#, "DLI.0001", "obs_dir"),
        ]
        for (json, code, field) in cases {
            let r = try post(p, "export", json)
            #expect(r.status == 400 && r.errorCode == code, "\(json): \(r.bodyString)")
            #expect(field.isEmpty || r.bodyString.contains("'\(field)'"), "\(json): \(r.bodyString)")
        }
        #expect(files(space(p) + "/bucket/v").isEmpty)
        // Unknown fields are ignored.
        #expect(try post(p, "export", #"{"obs_dir": "bucket/v", "is_selected": false, "extra": [1]}"#).status == 200)
    }

    @Test func projectsCannotExportEachOthersJobs() throws {
        let a = uniqueProject("a")
        let b = uniqueProject("b")
        let (sql, _) = try makeJobs(a)
        let r = try post(b, "export", #"{"obs_dir": "bucket/iso", "is_selected": true, "job_selected": [\#(sql)]}"#)
        #expect(r.status == 400 && r.errorCode == "DLI.16001")
        #expect(r.bodyString.contains("does not exist") && !r.bodyString.contains(a))
        #expect(files(space(b) + "/bucket/iso").isEmpty)
        let all = try export(b, #"{"obs_dir": "bucket/iso", "is_selected": false}"#)
        #expect(try ZipReader.entries(of: Array(try Data(contentsOf: URL(fileURLWithPath: file(all, of: b))))).isEmpty)
    }

    // MARK: import

    /// Projects share no objects: moving jobs to another project is the operator copying the archive
    /// from one project's space into the other's, then an import there.
    @Test func roundTripIntoAnotherProjectGivesEqualJobs() throws {
        let a = uniqueProject("a")
        let b = uniqueProject("b")
        let (sql, jar) = try makeJobs(a)
        _ = try service.send("PUT", "/v1.0/\(a)/streaming/sql-jobs/\(sql)", json: #"{"operator_config": "{\"op\":1}"}"#)
        let path = try export(a, #"{"obs_dir": "obs://bucket/rt", "is_selected": false}"#)
        #expect(try post(b, "import", #"{"zip_file": "\#(path)"}"#).status == 400)  // not in B's space
        try writeFile(String(path.dropFirst("obs://".count)), of: b, Array(try Data(contentsOf: URL(fileURLWithPath: file(path, of: a)))))
        let mapping = try importJobs(b, path)
        #expect(mapping.map(\.0) == [sql, jar])
        #expect(mapping.allSatisfy { $0.1 > 0 })
        for (old, new, remark) in mapping {
            #expect(try definition(b, new) == definition(a, old), "\(old) → \(new): \(remark)")
            #expect(try detail(b, new)["status"] == "job_init")
        }
        #expect(try definition(b, mapping[0].1)["job_config"]?["operator_config"] == "{\"op\":1}")
        let journal = try TestDatabase.query(
            "SELECT event FROM job_journal WHERE project_id = $1 AND job_id = $2", [b, String(mapping[0].1)])
        #expect(journal.map { $0[0] } == ["create"])
    }

    @Test func isCoverFalseSkipsAndTrueOverwritesToDraft() throws {
        let p = uniqueProject()
        let (sql, jar) = try makeJobs(p)
        let original = try definition(p, sql)
        let path = try export(p, #"{"obs_dir": "bucket/cover", "is_selected": false}"#)
        // Same names exist: nothing is imported without is_cover.
        let skipped = try importJobs(p, path)
        #expect(skipped.map(\.1) == [-1, -1] && skipped[0].2.contains("already exists"))
        #expect(try liveJobIDs(p) == [sql, jar])
        // Change the job, put it in a stopped state (as after a run and a stop), then overwrite it.
        let put = try service.send(
            "PUT", "/v1.0/\(p)/streaming/sql-jobs/\(sql)", json: #"{"sql_body": "SELECT 2", "cu_number": 9}"#)
        #expect(put.status == 200)
        _ = try TestDatabase.query(
            "UPDATE jobs SET status = 'job_cancel_success' WHERE project_id = $1 AND job_id = $2", [p, String(sql)])
        let covered = try importJobs(p, path, cover: true)
        #expect(covered.map(\.1) == [sql, jar], "\(covered)")
        #expect(try definition(p, sql) == original)
        #expect(try detail(p, sql)["status"] == "job_init")
        #expect(try liveJobIDs(p) == [sql, jar])
        let journal = try TestDatabase.query(
            "SELECT event, from_status, to_status FROM job_journal WHERE project_id = $1 AND job_id = $2 ORDER BY version",
            [p, String(sql)])
        #expect(journal.last == ["overwrite", "job_cancel_success", "job_init"])
    }

    @Test func aRunningJobIsNotOverwritten() throws {
        let p = uniqueProject()
        let (sql, jar) = try makeJobs(p)
        let path = try export(p, #"{"obs_dir": "bucket/running", "is_selected": false}"#)
        _ = try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(sql)", json: #"{"sql_body": "SELECT 3"}"#)
        // Running on an engine (set directly: no engine work is queued for another test's reconciler).
        _ = try TestDatabase.query(
            "UPDATE jobs SET status = 'job_running' WHERE project_id = $1 AND job_id = $2", [p, String(sql)])
        let mapping = try importJobs(p, path, cover: true)
        #expect(mapping[0].1 == -1 && mapping[0].2.contains("stop the job"), "\(mapping)")
        #expect(mapping[1].1 == jar)
        #expect(try detail(p, sql)["sql_body"] == "SELECT 3")
        #expect(try detail(p, sql)["status"] == "job_running")
    }

    @Test func aFolderOfArchivesImportsThemAll() throws {
        let a = uniqueProject("a")
        let (sql, jar) = try makeJobs(a)
        let third = try service.createJob(project: a, name: "third")
        _ = try export(a, #"{"obs_dir": "bucket/folder", "is_selected": true, "job_selected": [\#(sql), \#(jar)]}"#)
        _ = try export(a, #"{"obs_dir": "bucket/folder", "is_selected": true, "job_selected": [\#(third)]}"#)
        for id in [sql, jar, third] { _ = try service.send("DELETE", "/v1.0/\(a)/streaming/jobs/\(id)") }
        #expect(files(space(a) + "/bucket/folder").count == 2)
        let mapping = try importJobs(a, "obs://bucket/folder/")
        #expect(mapping.count == 3 && mapping.allSatisfy { $0.1 > 0 })
        #expect(try liveJobIDs(a).count == 3)
        // Another project naming the same folder reads its own space, where there is nothing.
        let b = uniqueProject("b")
        let other = try post(b, "import", #"{"zip_file": "bucket/folder"}"#)
        #expect(other.status == 400 && other.bodyString.contains("does not exist"), "\(other.bodyString)")
        #expect(try liveJobIDs(b).isEmpty)
        // Anything but .zip files in the folder is refused, and nothing is imported.
        try writeFile("bucket/folder/readme.txt", of: a, Array("x".utf8))
        for id in try liveJobIDs(a) { _ = try service.send("DELETE", "/v1.0/\(a)/streaming/jobs/\(id)") }
        let r = try post(a, "import", #"{"zip_file": "bucket/folder"}"#)
        #expect(r.status == 400 && r.errorCode == "DLI.0001" && r.bodyString.contains("zip_file"), "\(r.bodyString)")
        #expect(try liveJobIDs(a).isEmpty)
    }

    @Test func badArchivesImportNothing() throws {
        let p = uniqueProject()
        try writeFile("bucket/bad/garbage.zip", of: p, Array("this is not a zip".utf8))
        var r = try post(p, "import", #"{"zip_file": "bucket/bad/garbage.zip"}"#)
        #expect(r.status == 400 && r.errorCode == "DLI.0001" && r.bodyString.contains("'zip_file'"), "\(r.bodyString)")
        // One good entry and one bad one: nothing is imported, and the message names the entry and field.
        var writer = ZipWriter(modifiedAt: 0)
        try writer.add(name: "1.json", contents: Array(#"{"name": "good", "sql_body": "SELECT 1"}"#.utf8))
        try writer.add(name: "2.json", contents: Array(#"{"name": "bad", "cu_number": "x"}"#.utf8))
        try writeFile("bucket/bad/mixed.zip", of: p, writer.finish())
        r = try post(p, "import", #"{"zip_file": "bucket/bad/mixed.zip"}"#)
        #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(r.bodyString)")
        #expect(r.bodyString.contains("2.json") && r.bodyString.contains("cu_number"), "\(r.bodyString)")
        // Two entries defining the same job name.
        var twice = ZipWriter(modifiedAt: 0)
        try twice.add(name: "1.json", contents: Array(#"{"name": "same"}"#.utf8))
        try twice.add(name: "2.json", contents: Array(#"{"name": "same"}"#.utf8))
        try writeFile("bucket/bad/twice.zip", of: p, twice.finish())
        r = try post(p, "import", #"{"zip_file": "bucket/bad/twice.zip"}"#)
        #expect(r.status == 400 && r.bodyString.contains("again"), "\(r.bodyString)")
        var badName = ZipWriter(modifiedAt: 0)
        try badName.add(name: "job.json", contents: Array(#"{"name": "n"}"#.utf8))
        try writeFile("bucket/bad/name.zip", of: p, badName.finish())
        r = try post(p, "import", #"{"zip_file": "bucket/bad/name.zip"}"#)
        #expect(r.status == 400 && r.bodyString.contains("<job_id>.json"), "\(r.bodyString)")
        #expect(try liveJobIDs(p).isEmpty)
        for json in [#"{"zip_file": "bucket/bad/none.zip"}"#, #"{"zip_file": "bucket/bad/mixed.zip", "is_cover": "yes"}"#, #"{}"#] {
            r = try post(p, "import", json)
            #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(json): \(r.bodyString)")
        }
    }

    @Test func pathsThatLeaveTheRootAreRefused() throws {
        let p = uniqueProject()
        _ = try service.createJob(project: p, name: "j")
        try FileManager.default.createDirectory(atPath: space(p) + "/bucket", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: space(p) + "/bucket/out", withDestinationPath: scratch + "/outside")
        try Data("x".utf8).write(to: URL(fileURLWithPath: scratch + "/outside/a.zip"))
        for dir in ["../x", "obs://bucket/../../etc", "/etc", "obs:///etc", "bucket/out", "obs://bucket/out/sub", "bucket\\..\\x"] {
            let r = try post(p, "export", #"{"obs_dir": "\#(dir.replacingOccurrences(of: "\\", with: "\\\\"))", "is_selected": false}"#)
            #expect(r.status == 400 && r.errorCode == "DLI.0001" && r.bodyString.contains("'obs_dir'"), "\(dir): \(r.bodyString)")
            let i = try post(p, "import", #"{"zip_file": "\#(dir.replacingOccurrences(of: "\\", with: "\\\\"))"}"#)
            #expect(i.status == 400 && i.errorCode == "DLI.0001" && i.bodyString.contains("'zip_file'"), "\(dir): \(i.bodyString)")
        }
        let i = try post(p, "import", #"{"zip_file": "bucket/out/a.zip"}"#)
        #expect(i.status == 400 && i.errorCode == "DLI.0001", "\(i.bodyString)")
        #expect(files(scratch + "/outside") == ["a.zip"])
        #expect(files(scratch).sorted() == ["objects", "outside"])
    }
}
