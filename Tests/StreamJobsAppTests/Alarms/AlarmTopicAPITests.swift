import Foundation
import JSONCodec
import Testing
import TestSupport

/// Issue 16, "Alarms", at the API: `smn_topic` is refused (400 naming the field) unless an alarm
/// receiver is configured, on create, update and import; a job's alarms are listed at
/// `GET …/jobs/{job_id}/alarms`, only in the job's own project.
@Suite(.enabled(if: TestDatabase.isConfigured)) final class AlarmTopicAPITests {
    let scratch = NSTemporaryDirectory() + "sj-alarm-topics-" + UUID().uuidString
    var objects: [String: String] { ["STREAMJOBS_OBJECT_ROOT": scratch + "/objects"] }

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    let reason = "Invalid parameter 'smn_topic': no alarm receiver is configured: STREAMJOBS_ALARM_WEBHOOK_URL."

    @Test func withoutAReceiverATopicIsRefusedAndNothingIsStored() throws {
        let service = try LiveService(databaseURL: try TestDatabase.migrated(), extra: objects)
        let p = uniqueProject()
        let sql = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "a", "sql_body": "SELECT 1", "smn_topic": "ops"}"#)
        #expect(sql.status == 400 && sql.errorCode == "DLI.0001")
        #expect(try sql.json()["error_msg"]?.stringValue == reason)
        let jar = try service.send(
            "POST", "/v1.0/\(p)/streaming/flink-jobs",
            json: #"{"name": "j", "entrypoint": "bucket/a.jar", "main_class": "a.B", "smn_topic": "ops"}"#)
        #expect(try jar.status == 400 && jar.json()["error_msg"]?.stringValue == reason, "\(jar.bodyString)")
        #expect(try TestDatabase.query("SELECT count(*)::text FROM jobs WHERE project_id = $1", [p]) == [["0"]])
        // An empty topic asks for nothing and is accepted; setting one on update is refused too.
        let empty = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "b", "sql_body": "SELECT 1", "smn_topic": ""}"#)
        #expect(empty.status == 200, "\(empty.bodyString)")
        let id = try #require(try empty.json()["job"]?["job_id"]?.int64Value)
        let update = try service.send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(id)", json: #"{"smn_topic": "ops"}"#)
        #expect(try update.status == 400 && update.json()["error_msg"]?.stringValue == reason)
        #expect(try TestDatabase.query("SELECT coalesce(smn_topic, '') FROM jobs WHERE project_id = $1", [p]) == [[""]])
    }

    @Test func withAReceiverATopicIsStoredAndTheJobsAlarmsAreListed() throws {
        let service = try LiveService(
            databaseURL: try TestDatabase.migrated(), extra: objects.merging(LiveService.alarmReceiver) { $1 })
        let p = uniqueProject(), q = uniqueProject()
        let created = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "a", "sql_body": "SELECT 1", "smn_topic": "ops"}"#)
        #expect(created.status == 200, "\(created.bodyString)")
        let id = try #require(try created.json()["job"]?["job_id"]?.int64Value)
        let listed = try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)/alarms")
        #expect(listed.status == 200, "\(listed.bodyString)")
        #expect(try listed.json()["count"]?.int64Value == 0 && listed.json()["alarms"]?.arrayValue?.isEmpty == true)
        #expect(try service.send("GET", "/v1.0/\(q)/streaming/jobs/\(id)/alarms").errorCode == "DLI.16001")
        #expect(try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id + 1000)/alarms").errorCode == "DLI.16001")
    }

    @Test func anImportedJobWithATopicIsNotImportedWithoutAReceiver() throws {
        let database = try TestDatabase.migrated()
        let p = uniqueProject()
        let exporting = try LiveService(databaseURL: database, extra: objects.merging(LiveService.alarmReceiver) { $1 })
        let created = try exporting.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "a", "sql_body": "SELECT 1", "smn_topic": "ops"}"#)
        let id = try #require(try created.json()["job"]?["job_id"]?.int64Value)
        let export = try exporting.send(
            "POST", "/v1.0/\(p)/streaming/jobs/export", json: #"{"obs_dir": "bucket/x", "is_selected": true, "job_selected": [\#(id)]}"#)
        let zip = try #require(try export.json()["zip_file"]?.arrayValue?.first?.stringValue, "\(export.bodyString)")
        let importing = try LiveService(databaseURL: database, extra: objects)
        let q = uniqueProject()
        let source = scratch + "/objects/projects/\(p)/" + (zip.hasPrefix("obs://") ? String(zip.dropFirst(6)) : zip)
        let target = scratch + "/objects/projects/\(q)/bucket/in.zip"
        try FileManager.default.createDirectory(atPath: scratch + "/objects/projects/\(q)/bucket", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: target)
        let imported = try importing.send(
            "POST", "/v1.0/\(q)/streaming/jobs/import", json: #"{"zip_file": "bucket/in.zip", "is_cover": false}"#)
        #expect(imported.status == 200, "\(imported.bodyString)")
        #expect(imported.bodyString.contains("smn_topic is set, but no alarm receiver is configured"), "\(imported.bodyString)")
        #expect(try TestDatabase.query("SELECT count(*)::text FROM jobs WHERE project_id = $1", [q]) == [["0"]])
    }
}
