import Foundation
import JSONCodec
import Testing
import TestSupport

/// Job logs (issue 16, "Job logs"): with `log_enabled` and `obs_bucket`, the service writes a job's
/// logs to `<obs_bucket>/jobs/<job_id>/logs/<Flink job id>/` of its project's space, by itself when a run
/// ends and on demand (`POST …/jobs/{job_id}/logs`). Real service over HTTP with authentication on, real
/// PostgreSQL, the test Flink cluster.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(4)))
struct JobLogsFlinkTests {
    static let files = ["exceptions.json", "status.json", "checkpoints.json", "jobmanager.log"]

    /// A's Jar job running SeqJob with `arguments`, keeping its logs in `obs://alogs`.
    static func createJob(_ t: TwoTenants, _ name: String, _ arguments: String, logs: Bool = true, bucket: Bool = true)
        throws -> Int64
    {
        let bucketField = bucket ? #", "obs_bucket": "obs://alogs""# : ""
        let body = #"""
            {"name": "\#(name)", "entrypoint": "obs://jars/test-jobs.jar", "main_class": "streamjobs.testjobs.SeqJob",
             "entrypoint_args": "--name \#(name) \#(arguments)", "log_enabled": \#(logs)\#(bucketField)}
            """#
        let r = try t.send("POST", as: t.a, "flink-jobs", body)
        return try #require(try JSONParser.parse(r.body)["job"]?["job_id"]?.int64Value, "\(r.bodyString)")
    }

    /// The Flink job id that carries job `id` of `project`.
    static func engineID(_ t: TwoTenants, _ project: String, _ id: Int64) throws -> String? {
        try TestDatabase.query(
            "SELECT engine_job_id FROM engine_jobs WHERE project_id = $1 AND job_id = $2", [project, String(id)],
            database: t.database
        ).first?.first ?? nil
    }

    /// Whether `project` has no pending engine work.
    static func workDone(_ t: TwoTenants, _ project: String) -> Bool {
        (try? TestDatabase.query(
            "SELECT count(*) FROM engine_work WHERE project_id = $1 AND done_at IS NULL", [project], database: t.database))?
            .first?.first == "0"
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `jobmanager.log` holds lines, each naming the Flink job.
    static func expectOnlyLinesNaming(_ engineID: String, in folder: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let log = read(folder + "/jobmanager.log") ?? ""
        let lines = log.split(separator: "\n")
        #expect(!lines.isEmpty, "empty jobmanager.log", sourceLocation: sourceLocation)
        #expect(lines.allSatisfy { $0.contains(engineID) }, "\(lines.filter { !$0.contains(engineID) }.prefix(3))", sourceLocation: sourceLocation)
    }

    @Test func aJobThatFailsLeavesItsExceptionsStatusCheckpointsAndJobManagerLinesInItsBucket() throws {
        let t = try TwoTenants()
        let id = try Self.createJob(t, "logs-fail", "--rps 20 --fail-after 20")
        #expect(try t.send("POST", as: t.a, "jobs/run", #"{"job_ids": [\#(id)]}"#).status == 200)
        #expect(FlinkTestEnvironment.eventually(90) { (try? t.detail(t.a, id))?["status"]?.stringValue == "job_running_exception" })
        let engineID = try #require(try Self.engineID(t, t.a, id))
        let folder = t.space(t.a) + "/alogs/jobs/\(id)/logs/\(engineID)"
        #expect(FlinkTestEnvironment.eventually(60) {
            Self.workDone(t, t.a) && Self.files.allSatisfy { FileManager.default.fileExists(atPath: folder + "/" + $0) }
        }, "\((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])")

        let exceptions = try JSONParser.parse(Self.read(folder + "/exceptions.json") ?? "")
        let entries = exceptions["exceptionHistory"]?["entries"]?.arrayValue ?? []
        #expect(!entries.isEmpty)
        #expect(Self.read(folder + "/exceptions.json")?.contains("test failure after 20 records") == true)

        let status = try JSONParser.parse(Self.read(folder + "/status.json") ?? "")
        #expect(status["status"]?.stringValue == "job_running_exception")
        #expect(status["status_desc"]?.stringValue?.contains("test failure after 20 records") == true, "\(status)")
        #expect(status["engine_job_id"]?.stringValue == engineID && status["job_id"]?.int64Value == id)
        #expect(status["engine"]?["knows_job"] == .bool(true) && status["engine"]?["state"]?.stringValue == "FAILED")
        #expect((status["engine"]?["end_time"]?.int64Value ?? 0) > 0)
        #expect(status["files"]?.arrayValue?.count == 4, "\(status)")

        let checkpoints = try JSONParser.parse(Self.read(folder + "/checkpoints.json") ?? "")
        #expect(checkpoints["counts"] != nil, "\(checkpoints)")
        Self.expectOnlyLinesNaming(engineID, in: folder)
        #expect(Self.read(folder + "/jobmanager.log")?.contains("FAILED") == true)

        // Nothing of it in B's space; the journal says the collection was done.
        #expect(!FileManager.default.fileExists(atPath: t.space(t.b) + "/alogs"))
        let outcome = try TestDatabase.query(
            "SELECT outcome FROM engine_work WHERE project_id = $1 AND job_id = $2 AND kind = 'collect_logs'", [t.a, String(id)],
            database: t.database)
        #expect(outcome.count == 1 && outcome.first?.first??.hasPrefix("logs written: exceptions.json") == true, "\(outcome)")
    }

    @Test func onDemandWhileRunningThenAgainWhenStoppedAndNeverForAnotherProject() throws {
        let t = try TwoTenants()
        let (a, b) = (t.a, t.b)
        let fm = FileManager.default
        let id = try Self.createJob(t, "logs-run", "--rps 20")

        // Before it ran: refused (DLI error), nothing queued.
        let early = try t.send("POST", as: a, "jobs/\(id)/logs")
        #expect(early.status == 400 && (try? early.json())?["error_code"] == "DLI.0007", "\(early.bodyString)")

        #expect(try t.send("POST", as: a, "jobs/run", #"{"job_ids": [\#(id)]}"#).status == 200)
        #expect(FlinkTestEnvironment.eventually(60) { (try? t.detail(a, id))?["status"]?.stringValue == "job_running" })
        let engineID = try #require(try Self.engineID(t, a, id))
        let folder = t.space(a) + "/alogs/jobs/\(id)/logs/\(engineID)"
        defer { _ = try? t.send("POST", as: a, "jobs/stop", #"{"job_ids": [\#(id)]}"#) }

        // B: with its own token on its own path, A's job does not exist; on A's path, 403. Nothing queued or written.
        // A's journal and engine work (jobs and engine_jobs rows change with every poll of the running job).
        func history() throws -> [[String?]] {
            try ["job_journal", "engine_work"].flatMap { table in
                try TestDatabase.query(
                    "SELECT t::text FROM \(table) t WHERE project_id = $1 ORDER BY t::text", [a], database: t.database)
            }
        }
        let aHistory = try history()
        let bFiles = t.fileHashes(b)
        let foreign = try t.send("POST", as: b, "jobs/\(id)/logs")
        #expect(foreign.status == 400 && (try? foreign.json())?["error_code"] == "DLI.16001", "\(foreign.bodyString)")
        let crossed = try t.send("POST", as: b, on: a, "jobs/\(id)/logs")
        #expect(crossed.status == 403 && (try? crossed.json())?["error_code"] == "DLI.0016", "\(crossed.bodyString)")
        #expect(try history() == aHistory)
        #expect(t.fileHashes(b) == bFiles)
        #expect(!fm.fileExists(atPath: t.space(a) + "/alogs/jobs/\(id)/logs"))

        // A asks: answered at once with the folder; the files appear while the job runs.
        let asked = try t.send("POST", as: a, "jobs/\(id)/logs")
        #expect(asked.status == 200, "\(asked.bodyString)")
        let answer = try asked.json()
        #expect(answer["is_success"] == "true")
        #expect(answer["log_path"]?.stringValue == "obs://alogs/jobs/\(id)/logs/", "\(asked.bodyString)")
        #expect(FlinkTestEnvironment.eventually(60) {
            Self.workDone(t, a) && Self.files.allSatisfy { fm.fileExists(atPath: folder + "/" + $0) }
        }, "\((try? fm.contentsOfDirectory(atPath: folder)) ?? [])")
        let running = try JSONParser.parse(Self.read(folder + "/status.json") ?? "")
        #expect(running["status"]?.stringValue == "job_running" && running["engine"]?["state"]?.stringValue == "RUNNING", "\(running)")
        Self.expectOnlyLinesNaming(engineID, in: folder)
        #expect((try? t.detail(a, id))?["status"]?.stringValue == "job_running")
        let journal = try TestDatabase.query(
            "SELECT event, engine_work FROM job_journal WHERE project_id = $1 AND job_id = $2 AND event = 'collect_logs'",
            [a, String(id)], database: t.database)
        #expect(journal == [["collect_logs", "collect_logs"]], "\(journal)")

        // Stopping ends the run: the files are written again, now with the final status.
        #expect(try t.send("POST", as: a, "jobs/stop", #"{"job_ids": [\#(id)]}"#).status == 200)
        #expect(FlinkTestEnvironment.eventually(60) { (try? t.detail(a, id))?["status"]?.stringValue == "job_cancel_success" })
        #expect(FlinkTestEnvironment.eventually(60) {
            Self.workDone(t, a)
                && (try? JSONParser.parse(Self.read(folder + "/status.json") ?? ""))?["status"]?.stringValue == "job_cancel_success"
        })
        let final = try JSONParser.parse(Self.read(folder + "/status.json") ?? "")
        #expect(final["engine"]?["state"]?.stringValue == "CANCELED", "\(final)")
        #expect(t.fileHashes(b) == bFiles)
    }

    @Test func logsNeedABucketAndAreRefusedForAJobThatKeepsNone() throws {
        let t = try TwoTenants()
        let noBucket = try t.send(
            "POST", as: t.a, "flink-jobs",
            #"{"name": "nb", "entrypoint": "obs://jars/test-jobs.jar", "main_class": "streamjobs.testjobs.SeqJob", "log_enabled": true}"#)
        t.expectRefused(noBucket, naming: "obs_bucket", "log_enabled without obs_bucket")
        let sql = try t.send("POST", as: t.a, "sql-jobs", #"{"name": "nbs", "sql_body": "SELECT 1", "log_enabled": true}"#)
        t.expectRefused(sql, naming: "obs_bucket", "log_enabled without obs_bucket (SQL)")
        let bare = try Self.createJob(t, "logs-bare", "--rps 20", logs: false, bucket: false)
        let enabling = try t.send("PUT", as: t.a, "flink-jobs/\(bare)", #"{"log_enabled": true}"#)
        t.expectRefused(enabling, naming: "obs_bucket", "update to log_enabled without obs_bucket")
        #expect(try t.detail(t.a, bare)?["job_config"]?["log_enabled"] == .bool(false))
        // A job that keeps no logs, and one that never ran: 400 DLI.0007 saying why.
        let id = try Self.createJob(t, "logs-off", "--rps 20", logs: false)
        let off = try t.send("POST", as: t.a, "jobs/\(id)/logs")
        #expect(off.status == 400 && (try? off.json())?["error_code"] == "DLI.0007", "\(off.bodyString)")
        #expect(off.bodyString.contains("log_enabled"), "\(off.bodyString)")
        let draft = try Self.createJob(t, "logs-draft", "--rps 20")
        let never = try t.send("POST", as: t.a, "jobs/\(draft)/logs")
        #expect(never.status == 400 && (try? never.json())?["error_code"] == "DLI.0007", "\(never.bodyString)")
        #expect(never.bodyString.contains("has never run"), "\(never.bodyString)")
    }
}
