import Dispatch
import Foundation
import JSONCodec
import JobDomain
import JobStorePostgres
import Logging
import ObjectStore
import PostgresClient
import StreamJobsApp
import Synchronization
import Testing
import TestSupport

/// Issue 17, "Retention and purge", over real HTTP with real PostgreSQL and authentication on: a project's
/// retention setting, the deleted job's `purge_at`, the purger (ticked here by the test's own `JobPurger`s
/// over the service's pool and object root: the service's own purger thread is off in tests), and
/// `DELETE …/deleted-jobs/{job_id}`. No engine runs: the engine rows a purge removes are written with SQL.
@Suite(.enabled(if: TestDatabase.isConfigured), .serialized) final class RetentionPurgeAPITests: ObjectRootFixture {
    let service: LiveService
    let scratch: String
    var root: String { scratch + "/objects" }
    let logger: Logger

    init() throws {
        scratch = NSTemporaryDirectory() + "sj-purge-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch + "/outside", withIntermediateDirectories: true)
        service = try LiveService(databaseURL: try TestDatabase.migrated(), extra: ["STREAMJOBS_OBJECT_ROOT": scratch + "/objects"])
        var logger = Logger(label: "purge-test")
        logger.logLevel = .critical
        self.logger = logger
    }

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    // MARK: helpers

    func settings(_ p: String) -> String { "/v1.0/\(p)/streaming/settings" }
    func deleted(_ p: String) -> String { "/v1.0/\(p)/streaming/deleted-jobs" }

    /// A purger over the live service's pool and object root, as `ServiceRuntime` builds its own.
    func purger(_ owner: String) throws -> JobPurger {
        JobPurger(
            store: PostgresJobPurgeStore(pool: service.runtime.pool, logger: logger),
            disposer: ObjectStoreStateDisposer(store: try FileObjectStore(root: root), logger: logger), owner: owner, batch: 100)
    }

    func setRetention(_ p: String, _ value: String) throws -> HTTPTestResponse {
        try service.send("PUT", settings(p), json: #"{"deleted_job_retention_days": \#(value)}"#)
    }

    /// A SQL job with `obs_bucket` `bkt`, deleted (it never ran: no engine work pending).
    func deletedJob(_ p: String, _ name: String) throws -> Int64 {
        let r = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "\#(name)", "sql_body": "SELECT 1", "obs_bucket": "bkt"}"#)
        let id = try #require(try r.json()["job"]?["job_id"]?.int64Value, "\(r.bodyString)")
        let d = try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)")
        #expect(d.status == 200, "\(d.bodyString)")
        return id
    }

    /// Moves the job's deletion `days` into the past.
    func age(_ p: String, _ id: Int64, days: Int) throws {
        _ = try TestDatabase.query(
            "UPDATE jobs SET deleted_at = now() - make_interval(days => $3::int) WHERE project_id = $1 AND job_id = $2::int8",
            [p, String(id), String(days)])
    }

    /// A 32-hex engine job id derived from the job id.
    func engineID(_ id: Int64) -> String { String(repeating: "0", count: 32 - String(id, radix: 16).count) + String(id, radix: 16) }

    /// Rows of the job in every table that refers to it (an engine job, an alarm, a savepoint on the row),
    /// written as the reconciler would have, and its files where `JobStateLocations` and the engine put
    /// them. Returns the files that the purge must remove.
    @discardableResult
    func giveState(_ p: String, _ id: Int64) throws -> [String] {
        let savepoint = "streamjobs-state/savepoints/savepoint-\(id)"
        _ = try TestDatabase.query(
            "UPDATE jobs SET savepoint_path = $3, has_savepoint = true WHERE project_id = $1 AND job_id = $2::int8",
            [p, String(id), "obs://" + savepoint])
        _ = try TestDatabase.query(
            "INSERT INTO engine_jobs (project_id, job_id, engine_job_id) VALUES ($1, $2::int8, $3)", [p, String(id), engineID(id)])
        _ = try TestDatabase.query(
            """
            INSERT INTO job_alarms (project_id, job_id, job_version, topic, status, state, next_attempt_at, delivered_at)
            VALUES ($1, $2::int8, 1, 'topic', 'job_submit_fail', 'delivered', NULL, now())
            """, [p, String(id)])
        let files = [
            "bkt/jobs/\(id)/checkpoints/\(engineID(id))/chk-3/_metadata",
            "bkt/jobs/\(id)/savepoints/savepoint-aa/_metadata",
            "streamjobs-state/checkpoints/\(engineID(id))/chk-1/_metadata",
            savepoint + "/_metadata",
            "streamjobs-state/files/\(id)/userdata.jar",
        ]
        for f in files { try writeFile(f, of: p, Array("state of \(id)".utf8)) }
        return files
    }

    /// How many rows of the job each table holds: jobs, job_journal, engine_work, engine_jobs, job_alarms.
    func rows(_ p: String, _ id: Int64) throws -> [String?] {
        try TestDatabase.query(
            """
            SELECT (SELECT count(*) FROM jobs WHERE project_id = $1 AND job_id = $2::int8),
                   (SELECT count(*) FROM job_journal WHERE project_id = $1 AND job_id = $2::int8),
                   (SELECT count(*) FROM engine_work WHERE project_id = $1 AND job_id = $2::int8),
                   (SELECT count(*) FROM engine_jobs WHERE project_id = $1 AND job_id = $2::int8),
                   (SELECT count(*) FROM job_alarms WHERE project_id = $1 AND job_id = $2::int8)
            """, [p, String(id)])[0]
    }

    /// The purge records of the job in the audit trail: actor, action, status.
    func purgeRecords(_ p: String, _ id: Int64) throws -> [[String?]] {
        try TestDatabase.query(
            """
            SELECT actor, action, status::text FROM audit_events
            WHERE project_id = $1 AND targets = ARRAY['job_id=' || $2] AND status = 200
              AND (action LIKE 'PURGE%' OR action LIKE 'DELETE %deleted-jobs%')
            """, [p, String(id)])
    }

    func exists(_ relative: String, of p: String) -> Bool { FileManager.default.fileExists(atPath: space(p) + "/" + relative) }

    // MARK: settings

    @Test func settingsDefaultToKeepingForeverAndAcceptOnlyOneToTenYears() throws {
        let p = uniqueProject(), q = uniqueProject("q")
        let initial = try service.send("GET", settings(p))
        #expect(initial.status == 200, "\(initial.bodyString)")
        #expect(try initial.json()["is_success"] == .string("true"))
        #expect(try initial.json()["deleted_job_retention_days"] == .null)

        let put = try setRetention(p, "7")
        #expect(put.status == 200, "\(put.bodyString)")
        #expect(try put.json()["is_success"] == .string("true") && put.json()["deleted_job_retention_days"]?.int64Value == 7)
        #expect(try service.send("GET", settings(p)).json()["deleted_job_retention_days"]?.int64Value == 7)
        // Another project's settings are its own.
        #expect(try service.send("GET", settings(q)).json()["deleted_job_retention_days"] == .null)

        for bad in ["0", "3651", #""x""#, "1.5", "-1"] {
            let r = try setRetention(p, bad)
            #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(bad): \(r.bodyString)")
            #expect(try r.json()["error_msg"]?.stringValue?.contains("deleted_job_retention_days") == true, "\(bad)")
        }
        let missing = try service.send("PUT", settings(p), json: "{}")
        let missingMessage = try missing.json()["error_msg"]?.stringValue ?? ""
        #expect(missing.status == 400 && missingMessage.contains("deleted_job_retention_days"), "\(missing.bodyString)")
        #expect(try service.send("GET", settings(p)).json()["deleted_job_retention_days"]?.int64Value == 7, "refusals changed nothing")

        // Back to forever; each change is audited with the change.
        #expect(try setRetention(p, "null").json()["deleted_job_retention_days"] == .null)
        let audited = try TestDatabase.query(
            "SELECT count(*) FROM audit_events WHERE project_id = $1 AND action = 'PUT /v1.0/{project_id}/streaming/settings' AND status = 200",
            [p])
        #expect(audited.first?.first == "2")

        // Q's token on P's path: 403, nothing changed.
        let token = ProjectTokens(databaseURL: try TestDatabase.migrated()).headers(for: "/v1.0/\(q)/x")
        let forbidden = try service.send("PUT", settings(p), json: #"{"deleted_job_retention_days": 1}"#, headers: token)
        #expect(forbidden.status == 403, "\(forbidden.bodyString)")
        #expect(try service.send("GET", settings(p), headers: token).status == 403)
        #expect(try service.send("GET", settings(p)).json()["deleted_job_retention_days"] == .null)
    }

    @Test func aDeletedJobsPurgeAtIsItsDeletionPlusTheRetention() throws {
        let p = uniqueProject()
        let id = try deletedJob(p, "dated")
        let before = try service.send("GET", "\(deleted(p))/\(id)").json()
        #expect(before["job_detail"]?["purge_at"] == .null)
        #expect(try setRetention(p, "7").status == 200)
        let detail = try service.send("GET", "\(deleted(p))/\(id)").json()["job_detail"]
        let deletedAt = try #require(detail?["deleted_at"]?.int64Value)
        #expect(detail?["purge_at"]?.int64Value == deletedAt + 7 * 86_400_000)
        let listed = try service.send("GET", deleted(p)).json()["deleted_jobs"]?.arrayValue?.first
        #expect(listed?["purge_at"]?.int64Value == deletedAt + 7 * 86_400_000)
    }

    // MARK: the purger

    @Test func oneTickPurgesExpiredJobsRowsAndFilesAndKeepsEverythingElse() throws {
        let p = uniqueProject(), keeper = uniqueProject("k")
        #expect(try setRetention(p, "7").status == 200)
        let expired = try deletedJob(p, "expired")
        let recent = try deletedJob(p, "recent")
        let otherJob = try deletedJob(p, "other")
        let forever = try deletedJob(keeper, "forever")  // a project without retention
        let files = try giveState(p, expired)
        try giveState(p, recent)
        try giveState(p, otherJob)
        try giveState(keeper, forever)
        // The same object names in another project's space, a job log (kept), and a link out of the space
        // inside the savepoint folder (the link goes, never what it names).
        for f in files { try writeFile(f, of: keeper, Array("not yours".utf8)) }
        try writeFile("bkt/jobs/\(expired)/logs/\(engineID(expired))/jobmanager.log", of: p, Array("log".utf8))
        try Data("outside".utf8).write(to: URL(fileURLWithPath: scratch + "/outside/secret"))
        try FileManager.default.createSymbolicLink(
            atPath: space(p) + "/streamjobs-state/savepoints/savepoint-\(expired)/link", withDestinationPath: scratch + "/outside")
        try age(p, expired, days: 8)
        try age(p, recent, days: 6)
        try age(keeper, forever, days: 5000)
        // An expired job still being stopped on the engine waits for its stop.
        let stopping = try deletedJob(p, "stopping")
        try age(p, stopping, days: 30)
        _ = try TestDatabase.query(
            "INSERT INTO engine_work (project_id, job_id, job_version, kind) VALUES ($1, $2::int8, 2, 'cancel')", [p, String(stopping)])

        #expect(try purger("tick-1").tick().purged >= 1)

        #expect(try rows(p, expired) == ["0", "0", "0", "0", "0"])
        for f in files { #expect(!exists(f, of: p), "\(f) removed") }
        #expect(!exists("bkt/jobs/\(expired)/checkpoints", of: p) && !exists("bkt/jobs/\(expired)/savepoints", of: p))
        #expect(exists("bkt/jobs/\(expired)/logs/\(engineID(expired))/jobmanager.log", of: p), "job logs stay")
        #expect(FileManager.default.fileExists(atPath: scratch + "/outside/secret"), "a link's target outside the space stays")
        let records = try purgeRecords(p, expired)
        #expect(records == [[JobPurger.actor, "PURGE deleted job (retention)", "200"]])

        // Within retention, another job's, another project's, and a job still stopping: untouched.
        #expect(try rows(p, recent)[0] == "1" && rows(p, otherJob)[0] == "1" && rows(keeper, forever)[0] == "1")
        #expect(try rows(p, stopping)[0] == "1")
        for (project, job) in [(p, recent), (p, otherJob), (keeper, forever)] {
            #expect(exists("streamjobs-state/savepoints/savepoint-\(job)/_metadata", of: project))
            #expect(exists("bkt/jobs/\(job)/checkpoints/\(engineID(job))/chk-3/_metadata", of: project))
        }
        for f in files { #expect(exists(f, of: keeper), "another project's \(f) stays") }
        let listed = try service.send("GET", deleted(p)).json()["deleted_jobs"]?.arrayValue?.compactMap { $0["job_id"]?.int64Value }
        #expect(Set(listed ?? []) == [recent, otherJob, stopping])
        #expect(try service.send("GET", "\(deleted(p))/\(expired)").errorCode == "DLI.16001")
    }

    @Test func twoPurgersRunningTogetherPurgeEachJobOnce() throws {
        let p = uniqueProject()
        #expect(try setRetention(p, "1").status == 200)
        var ids: [Int64] = []
        for i in 0..<8 {
            let id = try deletedJob(p, "race-\(i)")
            try giveState(p, id)
            try age(p, id, days: 2)
            ids.append(id)
        }
        let purgers = [try purger("race-a"), try purger("race-b")]
        let counts = Mutex<[Int]>([0, 0])
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let purged = (try? purgers[i].tick().purged) ?? -1
            counts.withLock { $0[i] = purged }
        }
        let values = counts.withLock { $0 }
        #expect(values.allSatisfy { $0 >= 0 } && values.reduce(0, +) == ids.count, "\(values)")
        for id in ids {
            #expect(try rows(p, id) == ["0", "0", "0", "0", "0"])
            #expect(try purgeRecords(p, id).count == 1)
            #expect(!exists("streamjobs-state/savepoints/savepoint-\(id)", of: p))
        }
    }

    @Test func aPurgeInterruptedAfterItsClaimIsFinishedByTheNextPurgerAndBlocksRestore() throws {
        let p = uniqueProject()
        #expect(try setRetention(p, "1").status == 200)
        let id = try deletedJob(p, "interrupted")
        try giveState(p, id)
        try age(p, id, days: 3)
        // A purger claimed it and died (its files may be half gone); its lease runs out.
        let store = PostgresJobPurgeStore(pool: service.runtime.pool, logger: logger)
        #expect(try store.claimExpired(owner: "crashed", leaseMillis: 60_000, limit: 100).contains { $0.1.rawValue == id })
        try FileManager.default.removeItem(atPath: space(p) + "/streamjobs-state/files/\(id)")
        _ = try purger("other").tick()
        #expect(try rows(p, id)[0] == "1", "leased: not taken over")
        let restore = try service.send("POST", "\(deleted(p))/\(id)/restore")
        #expect(restore.status == 400 && restore.errorCode == "DLI.0007", "a purging job is not restored: \(restore.bodyString)")
        #expect(try restore.json()["error_msg"]?.stringValue?.contains("being purged") == true)
        // Retention off now: a begun purge is still finished once the lease ends.
        #expect(try setRetention(p, "null").status == 200)
        _ = try TestDatabase.query(
            "UPDATE jobs SET purge_lease_until = now() - interval '1 second' WHERE project_id = $1 AND job_id = $2::int8", [p, String(id)])
        #expect(try purger("other").tick().purged >= 1)
        #expect(try rows(p, id) == ["0", "0", "0", "0", "0"])
        #expect(!exists("streamjobs-state/savepoints/savepoint-\(id)", of: p))
        #expect(try purgeRecords(p, id).count == 1)
    }

    @Test func theRuntimeRoleDeletesOnlyAClaimedDeletedJobOfItsOwnProject() throws {
        let p = uniqueProject(), q = uniqueProject("q")
        let id = try deletedJob(p, "guarded")
        let live = try service.createJob(project: p, name: "live")
        _ = try TestDatabase.query(
            "UPDATE jobs SET purge_claimed_by = 'me' WHERE project_id = $1 AND job_id IN ($2::int8, $3::int8)",
            [p, String(id), String(live)])
        func call(_ sql: String, _ parameters: [String], as project: String) throws -> PGResult {
            try service.runtime.pool.withConnection { c in
                try c.pipelined(
                    PGBatch(PGStatement(name: "", sql: sql), parameters),
                    localSettings: [PGLocalSetting(name: "app.project_id", value: project)])[0]
            }
        }
        // The service's role deletes nothing itself.
        #expect(throws: (any Error).self) { try call("DELETE FROM job_journal WHERE project_id = $1", [p], as: p) }
        let purge = "SELECT streamjobs_purge_job($1, $2::int8, $3)"
        // Another project's transaction, another owner, a live job: nothing.
        #expect(try call(purge, [p, String(id), "me"], as: q).bool(0, 0) == false)
        #expect(try call(purge, [p, String(id), "someone"], as: p).bool(0, 0) == false)
        #expect(try call(purge, [p, String(live), "me"], as: p).bool(0, 0) == false)
        #expect(try rows(p, id)[0] == "1" && rows(p, live)[0] == "1")
        // The claimed deleted job of the transaction's project: gone.
        #expect(try call(purge, [p, String(id), "me"], as: p).bool(0, 0) == true)
        #expect(try rows(p, id) == ["0", "0", "0", "0", "0"])
    }

    // MARK: DELETE …/deleted-jobs/{job_id}

    @Test func deletingADeletedJobPurgesItNowWithItsFilesAndAnAuditRecord() throws {
        let p = uniqueProject(), q = uniqueProject("q")
        let id = try deletedJob(p, "purge-me")
        let files = try giveState(p, id)
        // Engine work of it, done (the delete's stop finished).
        _ = try TestDatabase.query(
            "INSERT INTO engine_work (project_id, job_id, job_version, kind, done_at) VALUES ($1, $2::int8, 2, 'cancel', now())",
            [p, String(id)])
        #expect(try rows(p, id) == ["1", "2", "1", "1", "1"])

        // Another project's token on its own path, naming P's job: does not exist; nothing happens.
        let foreign = try service.send("DELETE", "\(deleted(q))/\(id)")
        #expect(foreign.status == 400 && foreign.errorCode == "DLI.16001", "\(foreign.bodyString)")
        #expect(try service.send("DELETE", "\(deleted(p))/987654321987").errorCode == "DLI.16001")
        // A stale If-Match: 412.
        let stale = try service.send("DELETE", "\(deleted(p))/\(id)", headers: [("If-Match", "\"1\"")])
        #expect(stale.status == 412, "\(stale.bodyString)")
        #expect(try rows(p, id)[0] == "1")

        let purgeHeaders = [("If-Match", "\"2\""), ("X-Request-Id", "req-purge-1"), ("Idempotency-Key", "purge-\(id)")]
        let r = try service.send("DELETE", "\(deleted(p))/\(id)", headers: purgeHeaders)
        #expect(r.status == 200, "\(r.bodyString)")
        // The same request again: the stored answer, byte for byte, without executing.
        let replay = try service.send("DELETE", "\(deleted(p))/\(id)", headers: purgeHeaders)
        #expect(replay.status == 200 && replay.body == r.body && replay.headers.contains { $0.0.lowercased() == "idempotent-replayed" })
        #expect(try r.json()["is_success"] == .string("true"))
        #expect(try rows(p, id) == ["0", "0", "0", "0", "0"])
        for f in files { #expect(!exists(f, of: p), "\(f) removed") }
        let actor = try TestDatabase.query("SELECT credential_id FROM credentials WHERE project_id = $1", [p]).first?.first ?? nil
        let records = try TestDatabase.query(
            "SELECT actor, action, status::text, request_id FROM audit_events WHERE project_id = $1 AND targets = ARRAY['job_id=' || $2]"
                + " AND action LIKE 'DELETE %deleted-jobs%' AND status = 200 AND reason IS NULL", [p, String(id)])
        #expect(records == [[actor, "DELETE /v1.0/{project_id}/streaming/deleted-jobs/{job_id}", "200", "req-purge-1"]])
        let replayed = try TestDatabase.query(
            "SELECT count(*) FROM audit_events WHERE project_id = $1 AND reason = 'idempotent_replay'", [p])
        #expect(replayed.first?.first == "1", "the replay is audited as one")
        // Gone: the detail and a second purge answer "does not exist".
        #expect(try service.send("GET", "\(deleted(p))/\(id)").errorCode == "DLI.16001")
        #expect(try service.send("DELETE", "\(deleted(p))/\(id)").errorCode == "DLI.16001")
    }

    @Test func aLiveJobOrOneStillStoppingIsNotPurged() throws {
        let p = uniqueProject()
        let live = try service.createJob(project: p, name: "alive")
        let r = try service.send("DELETE", "\(deleted(p))/\(live)")
        #expect(r.status == 400 && r.errorCode == "DLI.0007", "\(r.bodyString)")
        #expect(try r.json()["error_msg"]?.stringValue?.contains("not deleted") == true)
        #expect(try rows(p, live)[0] == "1")

        let stopping = try deletedJob(p, "stopping")
        _ = try TestDatabase.query(
            "INSERT INTO engine_work (project_id, job_id, job_version, kind) VALUES ($1, $2::int8, 2, 'cancel')", [p, String(stopping)])
        let refused = try service.send("DELETE", "\(deleted(p))/\(stopping)")
        #expect(refused.status == 400 && refused.errorCode == "DLI.0007", "\(refused.bodyString)")
        #expect(try rows(p, stopping)[0] == "1")
    }
}
