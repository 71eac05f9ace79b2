import Foundation
import JSONCodec
import Testing
import TestSupport

/// Project A, holding only its own token, tries to reach project B's objects, savepoints and
/// checkpoints through every field and endpoint that takes a location, and every `runtime_config` key
/// that names a path. Afterwards B's rows (in PostgreSQL) and B's files (on disk, by hash) are exactly
/// as they were, nothing of B's was returned to A, and no B location reached Flink.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(5)))
struct TwoTenantHostileTests {
    static let marker = "B_SECRET_MARKER_7f3a"

    @Test func projectACannotReachProjectBsObjectsSavepointsOrCheckpoints() throws {
        let t = try TwoTenants()
        let (a, b) = (t.a, t.b)
        let fm = FileManager.default
        var answersToA: [HTTPTestResponse] = []

        // ---- B's assets: a secret jar, a SQL job, a run with checkpoints and a savepoint, an export.
        try fm.createDirectory(atPath: t.space(b) + "/bbucket", withIntermediateDirectories: true)
        try fm.copyItem(atPath: t.space(b) + "/jars/test-jobs.jar", toPath: t.space(b) + "/bbucket/secret.jar")
        let sql = FlinkTestEnvironment.sqlJob(name: "x").sqlBody! + "\n-- \(Self.marker)"
        let bSQL = try t.send("POST", as: b, "sql-jobs", #"{"name": "b-secret", "sql_body": \#(TwoTenants.quoted(sql))}"#)
        #expect(bSQL.status == 200, "\(bSQL.bodyString)")
        let bJar = try t.send(
            "POST", as: b, "flink-jobs",
            #"""
            {"name": "b-jar", "entrypoint": "obs://bbucket/secret.jar", "main_class": "streamjobs.testjobs.SeqJob",
             "entrypoint_args": "--name b-jar --rps 20", "checkpoint_enabled": true, "checkpoint_interval": 1,
             "checkpoint_path": "obs://bbucket/ckpt",
             "runtime_config": "execution.checkpointing.externalized-checkpoint-retention=RETAIN_ON_CANCELLATION"}
            """#)
        let bJarID = try #require(try JSONParser.parse(bJar.body)["job"]?["job_id"]?.int64Value, "\(bJar.bodyString)")
        #expect(try t.send("POST", as: b, "jobs/run", #"{"job_ids": [\#(bJarID)]}"#).status == 200)
        #expect(FlinkTestEnvironment.eventually(60) { (try? t.detail(b, bJarID))?["status"]?.stringValue == "job_running" })
        #expect(FlinkTestEnvironment.eventually(30) { t.fileHashes(b).keys.contains { $0.hasPrefix("bbucket/ckpt/") && $0.contains("chk-") } })
        let trigger = try t.send("POST", as: b, "jobs/\(bJarID)/savepoint", #"{"action": "TRIGGER", "savepoint_path": "obs://bbucket/sp"}"#)
        #expect(trigger.status == 200, "\(trigger.bodyString)")
        #expect(FlinkTestEnvironment.eventually(45) { (try? t.detail(b, bJarID))?["has_savepoint"] == .bool(true) })
        let bSavepoint = try #require(try t.detail(b, bJarID)?["savepoint_path"]?.stringValue)
        #expect(bSavepoint.hasPrefix("obs://bbucket/sp/savepoint-"), "\(bSavepoint)")
        let bSavepointLocal = t.space(b) + "/" + bSavepoint.dropFirst("obs://".count)
        #expect(fm.fileExists(atPath: bSavepointLocal + "/_metadata"))
        #expect(try t.send("POST", as: b, "jobs/stop", #"{"job_ids": [\#(bJarID)]}"#).status == 200)
        #expect(FlinkTestEnvironment.eventually(45) { (try? t.detail(b, bJarID))?["status"]?.stringValue == "job_cancel_success" })
        let export = try t.send("POST", as: b, "jobs/export", #"{"obs_dir": "obs://bbucket/backup", "is_selected": false}"#)
        let bArchive = try #require(try JSONParser.parse(export.body)["zip_file"]?.arrayValue?.first?.stringValue, "\(export.bodyString)")
        let bArchiveLocal = t.space(b) + "/" + bArchive.dropFirst("obs://".count)
        #expect(FlinkTestEnvironment.eventually(15) {
            (try? TestDatabase.query(
                "SELECT count(*) FROM engine_work WHERE project_id = $1 AND done_at IS NULL", [b], database: t.database))?
                .first?.first == "0"
        })
        let bRows = try t.rows(b)
        let bFiles = t.fileHashes(b)
        #expect(bFiles.keys.contains { $0.hasPrefix("bbucket/ckpt/") } && bFiles.keys.contains { $0.hasPrefix("bbucket/backup/") })

        /// Sends as A and keeps the answer for the final "nothing of B's" check.
        func attack(_ method: String, on project: String? = nil, _ path: String, _ json: String? = nil) throws -> HTTPTestResponse {
            let r = try t.send(method, as: a, on: project, path, json)
            answersToA.append(r)
            return r
        }
        /// 400 DLI.0001 naming `field`.
        func expectRefused(_ r: HTTPTestResponse, naming field: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(
                r.status == 400 && (try? r.json())?["error_code"] == "DLI.0001" && r.bodyString.contains(field),
                "\(what): \(r.status) \(r.bodyString)", sourceLocation: sourceLocation)
        }
        let foreignFiles = [
            "file://" + t.space(b) + "/bbucket/secret.jar", "file:" + bSavepointLocal, bSavepointLocal, "file:///etc/passwd",
            "obs://../../etc", "obs://bbucket/../../\(b)/bbucket/secret.jar", "../\(b)/bbucket/secret.jar", "hdfs://x/y",
            "s3://bbucket/secret.jar",
        ]

        // ---- 1. The object store: import, export, Jar jars.
        for zip in [bArchive, "obs://bbucket/backup", "obs://bbucket/backup/"] {
            let r = try attack("POST", "jobs/import", #"{"zip_file": \#(TwoTenants.quoted(zip)), "is_cover": true}"#)
            expectRefused(r, naming: "zip_file", "import of B's \(zip)")
            #expect(r.bodyString.contains("does not exist"), "\(r.bodyString)")
        }
        for zip in foreignFiles + ["file://" + bArchiveLocal, bArchiveLocal] {
            expectRefused(try attack("POST", "jobs/import", #"{"zip_file": \#(TwoTenants.quoted(zip))}"#), naming: "zip_file", zip)
            expectRefused(try attack("POST", "jobs/export", #"{"obs_dir": \#(TwoTenants.quoted(zip)), "is_selected": false}"#), naming: "obs_dir", zip)
        }
        // A plants an archive under the same name as B's restore folder: it lands in A's own space, and
        // B's import of that folder does not see it.
        _ = try attack("POST", "sql-jobs", #"{"name": "b-secret", "sql_body": "SELECT 'planted by A'"}"#)
        let planted = try attack("POST", "jobs/export", #"{"obs_dir": "obs://bbucket/restore", "is_selected": false}"#)
        #expect(planted.status == 200, "\(planted.bodyString)")
        #expect(fm.fileExists(atPath: t.space(a) + "/bbucket/restore") && !fm.fileExists(atPath: t.space(b) + "/bbucket/restore"))
        for cover in [true, false] {
            let r = try t.send("POST", as: b, "jobs/import", #"{"zip_file": "obs://bbucket/restore", "is_cover": \#(cover)}"#)
            #expect(r.status == 400 && r.bodyString.contains("does not exist"), "\(r.bodyString)")
        }
        // A Jar job of A naming B's jar by its obs:// name reads A's own space: nothing there, so the
        // submission fails with the reason, and Flink never sees B's jar.
        let aJar = try attack(
            "POST", "flink-jobs",
            #"{"name": "a-steal", "entrypoint": "obs://bbucket/secret.jar", "dependency_jars": ["obs://bbucket/secret.jar"], "main_class": "streamjobs.testjobs.SeqJob"}"#)
        let aJarID = try #require(try JSONParser.parse(aJar.body)["job"]?["job_id"]?.int64Value, "\(aJar.bodyString)")
        _ = try attack("POST", "jobs/run", #"{"job_ids": [\#(aJarID)]}"#)
        #expect(FlinkTestEnvironment.eventually(30) { (try? t.detail(a, aJarID))?["status"]?.stringValue == "job_submit_fail" })
        #expect(try t.detail(a, aJarID)?["status_desc"]?.stringValue?.contains("no such object") == true)
        for location in foreignFiles {
            let q = TwoTenants.quoted(location)
            expectRefused(try attack("POST", "flink-jobs", #"{"name": "a1", "entrypoint": \#(q)}"#), naming: "entrypoint", location)
            expectRefused(try attack("POST", "flink-jobs", #"{"name": "a2", "dependency_jars": [\#(q)]}"#), naming: "dependency_jars[0]", location)
            expectRefused(try attack("POST", "flink-jobs", #"{"name": "a3", "dependency_files": [\#(q)]}"#), naming: "dependency_files[0]", location)
            expectRefused(try attack("POST", "sql-jobs", #"{"name": "a4", "udf_jar_url": \#(q)}"#), naming: "udf_jar_url", location)
            expectRefused(try attack("PUT", "flink-jobs/\(aJarID)", #"{"entrypoint": \#(q)}"#), naming: "entrypoint", location)
        }

        // ---- 2. Locations that reach Flink: checkpoint and savepoint paths, runtime_config.
        let aOwn = try attack(
            "POST", "flink-jobs",
            #"{"name": "a-own", "entrypoint": "obs://jars/test-jobs.jar", "main_class": "streamjobs.testjobs.SeqJob", "entrypoint_args": "--name a-own --rps 20"}"#)
        let aOwnID = try #require(try JSONParser.parse(aOwn.body)["job"]?["job_id"]?.int64Value, "\(aOwn.bodyString)")
        for location in foreignFiles {
            let q = TwoTenants.quoted(location)
            expectRefused(try attack("POST", "flink-jobs", #"{"name": "a5", "checkpoint_path": \#(q)}"#), naming: "checkpoint_path", location)
            expectRefused(try attack("PUT", "flink-jobs/\(aOwnID)", #"{"checkpoint_path": \#(q)}"#), naming: "checkpoint_path", location)
            expectRefused(
                try attack("POST", "jobs/\(aOwnID)/import-savepoint", #"{"job_id": \#(aOwnID), "savepoint_path": \#(q)}"#),
                naming: "savepoint_path", location)
            expectRefused(
                try attack("POST", "jobs/\(aOwnID)/savepoint", #"{"action": "TRIGGER", "savepoint_path": \#(q)}"#),
                naming: "savepoint_path", location)
            expectRefused(try attack("POST", "sql-jobs", #"{"name": "a6", "dirty_data_strategy": "2:\#(location)"}"#), naming: "dirty_data_strategy", location)
        }
        let pathKeys = [
            "execution.checkpointing.dir", "execution.checkpointing.savepoint-dir", "pipeline.classpaths", "pipeline.jars",
            "state.checkpoints.dir", "state.savepoints.dir", "execution.savepoint.path", "execution.state-recovery.path",
            "high-availability.storageDir", "pipeline.cached-files", "python.files", "env.java.opts.all",
        ]
        for key in pathKeys {
            let value = "file://" + t.space(b) + "/bbucket/secret.jar"
            for config in [#"[{"key":"\#(key)","value":"\#(value)"}]"#, #"{"\#(key)":"\#(value)"}"#, "\(key)=\(value)"] {
                let q = TwoTenants.quoted(config)
                expectRefused(try attack("POST", "sql-jobs", #"{"name": "a7", "runtime_config": \#(q)}"#), naming: key, config)
                expectRefused(try attack("POST", "flink-jobs", #"{"name": "a8", "runtime_config": \#(q)}"#), naming: key, config)
                expectRefused(try attack("PUT", "flink-jobs/\(aOwnID)", #"{"runtime_config": \#(q)}"#), naming: key, config)
            }
        }
        // B's savepoint by its obs:// name: the name is A's own, where no such savepoint exists, so the
        // resumed run fails before Flink is asked; no Flink job ever restores from B's savepoint.
        let imported = try attack(
            "POST", "jobs/\(aOwnID)/import-savepoint", #"{"job_id": \#(aOwnID), "savepoint_path": \#(TwoTenants.quoted(bSavepoint))}"#)
        #expect(imported.status == 200, "\(imported.bodyString)")
        _ = try attack("POST", "jobs/run", #"{"job_ids": [\#(aOwnID)], "resume_savepoint": true}"#)
        #expect(FlinkTestEnvironment.eventually(30) { (try? t.detail(a, aOwnID))?["status"]?.stringValue == "job_submit_fail" })
        #expect(try t.detail(a, aOwnID)?["status_desc"]?.stringValue?.contains("no such object") == true)
        let flinkJobs = FlinkTestEnvironment.get("/jobs/overview")?["jobs"] as? [[String: Any]] ?? []
        for job in flinkJobs {
            let id = job["jid"] as? String ?? ""
            let restored = FlinkTestEnvironment.get("/jobs/\(id)/checkpoints")?["latest"] as? [String: Any]
            let from = (restored?["restored"] as? [String: Any])?["external_path"] as? String ?? ""
            #expect(!from.contains(t.space(b)) || job["name"] as? String == "b-jar", "\(job)")
        }

        // ---- A's token on B's paths: 403 before anything runs.
        for (method, path, json) in [
            ("GET", "jobs/\(bJarID)", nil), ("POST", "jobs/import", #"{"zip_file": "obs://bbucket/backup"}"#),
            ("POST", "jobs/export", #"{"obs_dir": "obs://bbucket/x", "is_selected": false}"#),
            ("POST", "jobs/\(bJarID)/import-savepoint", #"{"job_id": \#(bJarID), "savepoint_path": "obs://bbucket/sp"}"#),
        ] as [(String, String, String?)] {
            let r = try attack(method, on: b, path, json)
            #expect(r.status == 403 && (try? r.json())?["error_code"] == "DLI.0016", "\(path): \(r.bodyString)")
        }

        // ---- B is untouched; nothing of B's reached A; every refusal was a DLI error body.
        #expect(try t.rows(b) == bRows)
        #expect(t.fileHashes(b) == bFiles)
        for r in answersToA {
            #expect(!r.bodyString.contains(Self.marker) && !r.bodyString.contains(t.space(b)), "\(r.bodyString)")
            if r.status >= 400 {
                let body = try? r.json()
                #expect(body?["error_code"]?.stringValue != nil && body?["error_msg"]?.stringValue != nil, "\(r.bodyString)")
            }
        }
    }
}
