import Foundation
import JSONCodec
import Testing
import TestSupport

/// `POST /v1.0/{project_id}/streaming/jobs/metrics` over the whole service (HTTP with authentication on) on
/// the real Flink cluster: a running SQL job's source and sink counts and rates come from Flink's operator
/// metrics; a job that never ran counts nothing.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(3)))
struct JobMetricsFlinkTests {
    @Test func aRunningJobsSourcesAndSinksCountTheRecordsTheyMoved() throws {
        let live = try StreamGraphFlinkTests.Live()
        let p = live.project
        var body = JSONWriter()
        body.beginObject()
        body.key("name"); body.string("metrics-run")
        body.key("sql_body"); body.string(FlinkTestEnvironment.sqlJob(name: "x").sqlBody!)
        body.endObject()
        let created = try live.send("POST", "/v1.0/\(p)/streaming/sql-jobs", String(decoding: body.bytes, as: UTF8.self))
        let id = try #require(try JSONParser.parse(created.body)["job"]?["job_id"]?.int64Value, "\(created.bodyString)")
        let idle = try live.createJob("metrics-idle")
        defer { _ = try? live.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)") }
        #expect(try live.send("POST", "/v1.0/\(p)/streaming/jobs/run", #"{"job_ids": [\#(id)]}"#).status == 200)

        func metrics() throws -> JSONValue {
            let r = try live.send("POST", "/v1.0/\(p)/streaming/jobs/metrics", #"{"job_ids": [\#(id), \#(idle)]}"#)
            #expect(r.status == 200, "\(r.bodyString)")
            return try JSONParser.parse(r.body)
        }
        func records(_ m: JSONValue?, _ side: String) -> Int64 {
            (m?[side]?.arrayValue ?? []).compactMap { $0["records"]?.int64Value }.reduce(0, +)
        }
        var last: JSONValue = .null
        let counted = try FlinkTestEnvironment.eventually(60) {
            last = try metrics()
            let running = last["metrics"]?["jobs"]?.arrayValue?.first?["metrics"]
            return records(running, "sources") > 0 && records(running, "sinks") > 0
        }
        #expect(counted, "\(last)")
        #expect(last["is_success"] == .bool(true))
        let jobs = try #require(last["metrics"]?["jobs"]?.arrayValue)
        #expect(jobs.map { $0["job_id"]?.int64Value } == [id, idle])
        let running = jobs[0]["metrics"]
        let source = try #require(running?["sources"]?.arrayValue?.first)
        #expect(source["name"]?.stringValue?.hasPrefix("Source: src") == true, "\(last)")
        #expect(source["corrupted_records"]?.int64Value == 0)
        let sink = try #require(running?["sinks"]?.arrayValue?.first)
        #expect(sink["name"]?.stringValue?.contains("snk") == true, "\(last)")
        // datagen emits 5 rows per second; the blackhole sink receives all of them.
        #expect(FlinkTestEnvironment.eventually(20) {
            let m = (try? metrics())?["metrics"]?["jobs"]?.arrayValue?.first?["metrics"]
            return (m?["total_read_rate"]?.doubleValue ?? 0) > 0 && (m?["total_write_rate"]?.doubleValue ?? 0) > 0
        })
        let never = jobs[1]["metrics"]
        #expect(never?["sources"] == .array([]) && never?["sinks"] == .array([]))
        #expect(never?["total_read_rate"]?.doubleValue == 0 && never?["total_write_rate"]?.doubleValue == 0)
    }
}
