import Foundation
import JSONCodec
import Testing
import TestSupport

/// Project A, holding only its own token, tries to reach project B's objects, savepoints and
/// checkpoints through every field and endpoint that takes a location, and every `runtime_config` key
/// that names a path, on a real service (authentication on), PostgreSQL, disk and the test Flink
/// cluster. Each test ends with B's rows (in PostgreSQL) and B's files (on disk, by hash) exactly as
/// they were, and nothing of B's in any answer to A.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(5)))
struct TwoTenantHostileTests {
    /// Every field that takes a location, and every `runtime_config` key that names a path, refuses
    /// anything but an object path of the caller's own project when the request arrives.
    @Test func locationsAndSettingsThatNameFilesAreRefusedOnArrival() throws {
        let t = try TwoTenants()
        let (a, b) = (t.a, t.b)
        try t.giveBASecretJar()
        let bJob = try t.send("POST", as: b, "sql-jobs", #"{"name": "b-secret", "sql_body": "SELECT 1 -- \#(TwoTenants.marker)"}"#)
        #expect(bJob.status == 200, "\(bJob.bodyString)")
        let aJar = try t.attack(
            "POST", "flink-jobs", #"{"name": "a-own", "entrypoint": "obs://jars/test-jobs.jar", "main_class": "streamjobs.testjobs.SeqJob"}"#)
        let aID = try #require(try JSONParser.parse(aJar.body)["job"]?["job_id"]?.int64Value, "\(aJar.bodyString)")
        let bRows = try t.rows(b)
        let bFiles = t.fileHashes(b)

        for location in t.foreignLocations() {
            let q = TwoTenants.quoted(location)
            t.expectRefused(try t.attack("POST", "flink-jobs", #"{"name": "a1", "entrypoint": \#(q)}"#), naming: "entrypoint", location)
            t.expectRefused(try t.attack("PUT", "flink-jobs/\(aID)", #"{"entrypoint": \#(q)}"#), naming: "entrypoint", location)
            t.expectRefused(
                try t.attack("POST", "flink-jobs", #"{"name": "a2", "dependency_jars": [\#(q)]}"#), naming: "dependency_jars[0]", location)
            t.expectRefused(
                try t.attack("POST", "flink-jobs", #"{"name": "a3", "dependency_files": [\#(q)]}"#), naming: "dependency_files[0]", location)
            t.expectRefused(try t.attack("POST", "sql-jobs", #"{"name": "a4", "udf_jar_url": \#(q)}"#), naming: "udf_jar_url", location)
            t.expectRefused(
                try t.attack("POST", "sql-jobs", #"{"name": "a5", "dirty_data_strategy": "2:\#(location)"}"#),
                naming: "dirty_data_strategy", location)
            t.expectRefused(try t.attack("POST", "flink-jobs", #"{"name": "a6", "checkpoint_path": \#(q)}"#), naming: "checkpoint_path", location)
            t.expectRefused(try t.attack("PUT", "flink-jobs/\(aID)", #"{"checkpoint_path": \#(q)}"#), naming: "checkpoint_path", location)
            t.expectRefused(
                try t.attack("POST", "jobs/\(aID)/import-savepoint", #"{"job_id": \#(aID), "savepoint_path": \#(q)}"#),
                naming: "savepoint_path", location)
            t.expectRefused(
                try t.attack("POST", "jobs/\(aID)/savepoint", #"{"action": "TRIGGER", "savepoint_path": \#(q)}"#),
                naming: "savepoint_path", location)
            t.expectRefused(try t.attack("POST", "jobs/import", #"{"zip_file": \#(q)}"#), naming: "zip_file", location)
            t.expectRefused(try t.attack("POST", "jobs/export", #"{"obs_dir": \#(q), "is_selected": false}"#), naming: "obs_dir", location)
        }
        let pathKeys = [
            "execution.checkpointing.dir", "execution.checkpointing.savepoint-dir", "pipeline.classpaths", "pipeline.jars",
            "state.checkpoints.dir", "state.savepoints.dir", "execution.savepoint.path", "execution.state-recovery.path",
            "high-availability.storageDir", "pipeline.cached-files", "python.files", "env.java.opts.all",
        ]
        let value = "file://" + t.space(b) + "/bbucket/secret.jar"
        for key in pathKeys {
            for config in [#"[{"key":"\#(key)","value":"\#(value)"}]"#, #"{"\#(key)":"\#(value)"}"#, "\(key)=\(value)"] {
                let q = TwoTenants.quoted(config)
                t.expectRefused(try t.attack("POST", "sql-jobs", #"{"name": "a7", "runtime_config": \#(q)}"#), naming: key, config)
                t.expectRefused(try t.attack("POST", "flink-jobs", #"{"name": "a8", "runtime_config": \#(q)}"#), naming: key, config)
                t.expectRefused(try t.attack("PUT", "flink-jobs/\(aID)", #"{"runtime_config": \#(q)}"#), naming: key, config)
            }
        }
        // Nothing was stored: A's one job is as created, and A has no other.
        let aList = try JSONParser.parse(t.send("GET", as: a, "jobs").body)["job_list"]
        #expect(aList?["total_count"]?.int64Value == 1)
        #expect(try t.detail(a, aID)?["job_config"]?["checkpoint_path"] == nil || t.detail(a, aID)?["job_config"]?["checkpoint_path"] == .null)
        #expect(try t.rows(b) == bRows)
        #expect(t.fileHashes(b) == bFiles)
        t.expectNothingOfBReachedA()
    }

    /// B's archives cannot be imported by A, A cannot plant an archive where B imports from, and a Jar
    /// job of A naming B's jar by its `obs://` name finds nothing (A's own space), so Flink never sees it.
    @Test func archivesFoldersAndJarsOfAnotherProjectCannotBeReadOrPlanted() throws {
        let t = try TwoTenants()
        let (a, b) = (t.a, t.b)
        let fm = FileManager.default
        try t.giveBASecretJar()
        _ = try t.send("POST", as: b, "sql-jobs", #"{"name": "b-secret", "sql_body": "SELECT 1 -- \#(TwoTenants.marker)"}"#)
        let export = try t.send("POST", as: b, "jobs/export", #"{"obs_dir": "obs://bbucket/backup", "is_selected": false}"#)
        let bArchive = try #require(try JSONParser.parse(export.body)["zip_file"]?.arrayValue?.first?.stringValue, "\(export.bodyString)")
        let bArchiveLocal = t.space(b) + "/" + bArchive.dropFirst("obs://".count)
        #expect(fm.fileExists(atPath: bArchiveLocal))
        let bRows = try t.rows(b)
        let bFiles = t.fileHashes(b)

        for zip in [bArchive, "obs://bbucket/backup", "bbucket/backup/"] {
            for cover in [true, false] {
                let r = try t.attack("POST", "jobs/import", #"{"zip_file": \#(TwoTenants.quoted(zip)), "is_cover": \#(cover)}"#)
                t.expectRefused(r, naming: "zip_file", "import of B's \(zip)")
                #expect(r.bodyString.contains("does not exist"), "\(r.bodyString)")
            }
        }
        for zip in ["file://" + bArchiveLocal, bArchiveLocal] {
            t.expectRefused(try t.attack("POST", "jobs/import", #"{"zip_file": \#(TwoTenants.quoted(zip))}"#), naming: "zip_file", zip)
        }
        #expect(try JSONParser.parse(t.send("GET", as: a, "jobs").body)["job_list"]?["total_count"]?.int64Value == 0)

        // A exports a job named like B's to the folder B imports from: it lands in A's own space, and B's
        // import of that folder (with or without is_cover) does not see it.
        _ = try t.attack("POST", "sql-jobs", #"{"name": "b-secret", "sql_body": "SELECT 'planted by A'"}"#)
        let planted = try t.attack("POST", "jobs/export", #"{"obs_dir": "obs://bbucket/restore", "is_selected": false}"#)
        #expect(planted.status == 200, "\(planted.bodyString)")
        #expect(fm.fileExists(atPath: t.space(a) + "/bbucket/restore") && !fm.fileExists(atPath: t.space(b) + "/bbucket/restore"))
        for cover in [true, false] {
            let r = try t.send("POST", as: b, "jobs/import", #"{"zip_file": "obs://bbucket/restore", "is_cover": \#(cover)}"#)
            #expect(r.status == 400 && r.bodyString.contains("does not exist"), "\(r.bodyString)")
        }

        // A Jar job of A naming B's jar: accepted (the name is A's own), and its run fails with the reason.
        let aJar = try t.attack(
            "POST", "flink-jobs",
            #"{"name": "a-steal", "entrypoint": "obs://bbucket/secret.jar", "dependency_jars": ["obs://bbucket/secret.jar"], "main_class": "streamjobs.testjobs.SeqJob"}"#)
        let aJarID = try #require(try JSONParser.parse(aJar.body)["job"]?["job_id"]?.int64Value, "\(aJar.bodyString)")
        _ = try t.attack("POST", "jobs/run", #"{"job_ids": [\#(aJarID)]}"#)
        #expect(FlinkTestEnvironment.eventually(30) { (try? t.detail(a, aJarID))?["status"]?.stringValue == "job_submit_fail" })
        #expect(try t.detail(a, aJarID)?["status_desc"]?.stringValue?.contains("no such object") == true)

        // A's token on B's paths: 403 before anything runs.
        for (method, path, json) in [
            ("POST", "jobs/import", #"{"zip_file": "obs://bbucket/backup"}"#),
            ("POST", "jobs/export", #"{"obs_dir": "obs://bbucket/x", "is_selected": false}"#),
        ] as [(String, String, String?)] {
            let r = try t.attack(method, on: b, path, json)
            #expect(r.status == 403 && (try? r.json())?["error_code"] == "DLI.0016", "\(path): \(r.bodyString)")
        }
        #expect(try t.rows(b) == bRows)
        #expect(t.fileHashes(b) == bFiles)
        t.expectNothingOfBReachedA()
    }

    /// B's checkpoints and savepoint are written inside B's space; A importing B's savepoint by its
    /// `obs://` name gets its own (empty) space, so the resumed run fails before Flink is asked, and no
    /// Flink job ever restores from B's files.
    @Test func savepointsAndCheckpointsOfAnotherProjectNeverReachFlink() throws {
        let t = try TwoTenants()
        let (a, b) = (t.a, t.b)
        let fm = FileManager.default
        try t.giveBASecretJar()
        let bJar = try t.send(
            "POST", as: b, "flink-jobs",
            #"""
            {"name": "b-jar", "entrypoint": "obs://bbucket/secret.jar", "main_class": "streamjobs.testjobs.SeqJob",
             "entrypoint_args": "--name b-jar --rps 20", "checkpoint_enabled": true, "checkpoint_interval": 1,
             "checkpoint_path": "obs://bbucket/ckpt",
             "runtime_config": "execution.checkpointing.externalized-checkpoint-retention=RETAIN_ON_CANCELLATION"}
            """#)
        let bID = try #require(try JSONParser.parse(bJar.body)["job"]?["job_id"]?.int64Value, "\(bJar.bodyString)")
        #expect(try t.send("POST", as: b, "jobs/run", #"{"job_ids": [\#(bID)]}"#).status == 200)
        #expect(FlinkTestEnvironment.eventually(60) { (try? t.detail(b, bID))?["status"]?.stringValue == "job_running" })
        #expect(FlinkTestEnvironment.eventually(30) { t.fileHashes(b).keys.contains { $0.hasPrefix("bbucket/ckpt/") && $0.contains("chk-") } })
        let trigger = try t.send("POST", as: b, "jobs/\(bID)/savepoint", #"{"action": "TRIGGER", "savepoint_path": "obs://bbucket/sp"}"#)
        #expect(trigger.status == 200, "\(trigger.bodyString)")
        #expect(FlinkTestEnvironment.eventually(45) { (try? t.detail(b, bID))?["has_savepoint"] == .bool(true) })
        let bSavepoint = try #require(try t.detail(b, bID)?["savepoint_path"]?.stringValue)
        #expect(bSavepoint.hasPrefix("obs://bbucket/sp/savepoint-"), "\(bSavepoint)")
        let bSavepointLocal = t.space(b) + "/" + bSavepoint.dropFirst("obs://".count)
        #expect(fm.fileExists(atPath: bSavepointLocal + "/_metadata"))
        #expect(try t.send("POST", as: b, "jobs/stop", #"{"job_ids": [\#(bID)]}"#).status == 200)
        #expect(FlinkTestEnvironment.eventually(45) { (try? t.detail(b, bID))?["status"]?.stringValue == "job_cancel_success" })
        #expect(FlinkTestEnvironment.eventually(15) {
            (try? TestDatabase.query(
                "SELECT count(*) FROM engine_work WHERE project_id = $1 AND done_at IS NULL", [b], database: t.database))?
                .first?.first == "0"
        })
        let bRows = try t.rows(b)
        let bFiles = t.fileHashes(b)
        #expect(bFiles.keys.contains { $0.hasPrefix("bbucket/ckpt/") } && bFiles.keys.contains { $0.hasPrefix("bbucket/sp/") })

        let aOwn = try t.attack(
            "POST", "flink-jobs",
            #"{"name": "a-own", "entrypoint": "obs://jars/test-jobs.jar", "main_class": "streamjobs.testjobs.SeqJob", "entrypoint_args": "--name a-own --rps 20", "checkpoint_enabled": true, "checkpoint_interval": 1}"#)
        let aID = try #require(try JSONParser.parse(aOwn.body)["job"]?["job_id"]?.int64Value, "\(aOwn.bodyString)")
        for location in ["file:" + bSavepointLocal, "file://" + bSavepointLocal, bSavepointLocal] {
            t.expectRefused(
                try t.attack("POST", "jobs/\(aID)/import-savepoint", #"{"job_id": \#(aID), "savepoint_path": \#(TwoTenants.quoted(location))}"#),
                naming: "savepoint_path", location)
        }
        let imported = try t.attack(
            "POST", "jobs/\(aID)/import-savepoint", #"{"job_id": \#(aID), "savepoint_path": \#(TwoTenants.quoted(bSavepoint))}"#)
        #expect(imported.status == 200, "\(imported.bodyString)")
        _ = try t.attack("POST", "jobs/run", #"{"job_ids": [\#(aID)], "resume_savepoint": true}"#)
        #expect(FlinkTestEnvironment.eventually(30) { (try? t.detail(a, aID))?["status"]?.stringValue == "job_submit_fail" })
        #expect(try t.detail(a, aID)?["status_desc"]?.stringValue?.contains("no such object") == true)
        // Run fresh: A's checkpoints go to A's own space, never B's.
        #expect(try t.attack("POST", "jobs/run", #"{"job_ids": [\#(aID)]}"#).status == 200)
        #expect(FlinkTestEnvironment.eventually(60) { (try? t.detail(a, aID))?["status"]?.stringValue == "job_running" })
        #expect(FlinkTestEnvironment.eventually(30) {
            t.fileHashes(a).keys.contains { $0.hasPrefix("streamjobs-state/checkpoints/") && $0.contains("chk-") }
        })
        #expect(try t.attack("POST", "jobs/stop", #"{"job_ids": [\#(aID)]}"#).status == 200)
        #expect(FlinkTestEnvironment.eventually(45) { (try? t.detail(a, aID))?["status"]?.stringValue == "job_cancel_success" })
        for job in FlinkTestEnvironment.get("/jobs/overview")?["jobs"] as? [[String: Any]] ?? [] {
            let restored = FlinkTestEnvironment.get("/jobs/\(job["jid"] as? String ?? "")/checkpoints")?["latest"] as? [String: Any]
            let from = (restored?["restored"] as? [String: Any])?["external_path"] as? String ?? ""
            #expect(!from.contains(t.space(b)), "\(job)")
        }
        #expect(try t.rows(b) == bRows)
        #expect(t.fileHashes(b) == bFiles)
        t.expectNothingOfBReachedA()
    }
}
