import JSONCodec
import Testing
import TestSupport

/// GET /v1.0/{project_id}/streaming/jobs: filters, paging, order, total_count, isolation.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct ListJobsAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated()) }

    func list(_ p: String, _ query: String = "") throws -> (total: Int64?, names: [String]) {
        let r = try service.send("GET", "/v1.0/\(p)/streaming/jobs\(query)")
        #expect(r.status == 200, "\(r.bodyString)")
        let body = try r.json()
        #expect(body["is_success"] == .string("true"))
        let jobs = body["job_list"]?["jobs"]?.arrayValue ?? []
        return (body["job_list"]?["total_count"]?.int64Value, jobs.compactMap { $0["name"]?.stringValue })
    }

    @Test func filtersPagesAndCounts() throws {
        let p = uniqueProject()
        var ids: [Int64] = []
        for i in 0..<12 { ids.append(try service.createJob(project: p, name: "job-\(i)")) }
        _ = try service.send(
            "POST", "/v1.0/\(p)/streaming/sql-jobs",
            json: #"{"name": "Tagged", "queue_name": "q1", "job_type": "flink_sql_job", "tags": [{"key": "team", "value": "a"}, {"key": "env", "value": "prod"}]}"#)
        _ = try service.send("POST", "/v1.0/\(p)/streaming/jobs/run", json: #"{"job_ids": [\#(ids[0]), \#(ids[1])]}"#)
        _ = try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(ids[2])")
        _ = try service.createJob(project: uniqueProject(), name: "elsewhere")

        let first = try list(p)
        #expect(first.total == 12 && first.names.count == 10)  // default limit 10, newest first
        #expect(first.names.first == "Tagged")
        let asc = try list(p, "?order=asc&limit=3")
        #expect(asc.names == ["job-0", "job-1", "job-3"])  // job-2 is deleted
        let page2 = try list(p, "?offset=10&limit=10")
        #expect(page2.total == 12 && page2.names.count == 2)
        let past = try list(p, "?offset=500")
        #expect(past.total == 12 && past.names.isEmpty)
        #expect(try list(p, "?status=job_submitting").total == 2)
        #expect(try list(p, "?status=job_submitting").names.sorted() == ["job-0", "job-1"])
        #expect(try list(p, "?status=job_init&limit=100").total == 10)
        #expect(try list(p, "?name=tagg").names == ["Tagged"])
        #expect(try list(p, "?queue_name=q1").names == ["Tagged"])
        #expect(try list(p, "?job_type=flink_sql_job").total == 1)
        #expect(try list(p, "?tags=team%3Da%2Cenv%3Dprod").names == ["Tagged"])
        #expect(try list(p, "?tags=team%3Db").total == 0)
        #expect(try list(p, "?limit=0").names.isEmpty)
        #expect(try list(uniqueProject()).total == 0)
    }

    @Test func summaryOmitsSQLAndDetailIncludesIt() throws {
        let p = uniqueProject()
        _ = try service.createJob(project: p, name: "s")
        let summary = try service.send("GET", "/v1.0/\(p)/streaming/jobs").json()["job_list"]?["jobs"]?.arrayValue?.first
        #expect(summary?["sql_body"] == nil && summary?["job_config"] == nil && summary?["status"] == .string("job_init"))
        let full = try service.send("GET", "/v1.0/\(p)/streaming/jobs?show_detail=true").json()["job_list"]?["jobs"]?.arrayValue?.first
        #expect(full?["sql_body"] == .string("SELECT 1") && full?["job_config"]?["cu_number"]?.int64Value == 2)
    }

    @Test(arguments: ["limit=101", "limit=-1", "limit=x", "offset=-1", "status=job_cancel_failed", "order=up", "show_detail=yes",
                      "job_type=spark", "tags=novalue", "root_job_id=0", "name=%zz", "name=\(String(repeating: "n", count: 58))"])
    func badQueryParametersAre400(query: String) throws {
        let r = try service.send("GET", "/v1.0/\(uniqueProject())/streaming/jobs?\(query)")
        #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(query): \(r.bodyString)")
        let name = String(query.prefix(while: { $0 != "=" }))
        #expect(try r.json()["error_msg"]?.stringValue?.contains("'\(name)'") == true)
    }
}
