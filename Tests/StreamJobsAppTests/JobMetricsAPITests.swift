import JSONCodec
import Testing
import TestSupport

/// `POST /v1.0/{project_id}/streaming/jobs/metrics` over HTTP with authentication on, on a service without an
/// engine: the SDK's shape (boolean `is_success`, one entry per id in order), nothing counted for jobs that
/// never ran, project scope and validation. Counts from a running job: FlinkEngineTests/JobMetricsFlinkTests.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct JobMetricsAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated()) }

    func metrics(_ p: String, _ json: String) throws -> HTTPTestResponse {
        try service.send("POST", "/v1.0/\(p)/streaming/jobs/metrics", json: json)
    }

    @Test func jobsThatNeverRanCountNothingInTheOrderAsked() throws {
        let p = uniqueProject()
        let a = try service.createJob(project: p, name: "a")
        let b = try service.createJob(project: p, name: "b")
        let r = try metrics(p, #"{"job_ids": [\#(b), "\#(a)", \#(b)]}"#)
        #expect(r.status == 200, "\(r.bodyString)")
        let body = try r.json()
        #expect(body["is_success"] == .bool(true))
        let jobs = try #require(body["metrics"]?["jobs"]?.arrayValue)
        #expect(jobs.map { $0["job_id"]?.int64Value } == [b, a, b])
        #expect(
            r.bodyString.contains(
                #"{"job_id":\#(a),"metrics":{"sources":[],"sinks":[],"total_read_rate":0"#))
    }

    @Test func aJobOfAnotherProjectOrADeletedOneIsDLI16001NamingIt() throws {
        let p = uniqueProject()
        let own = try service.createJob(project: p, name: "own")
        let foreign = try service.createJob(project: uniqueProject(), name: "f")
        let r = try metrics(p, #"{"job_ids": [\#(own), \#(foreign)]}"#)
        #expect(r.status == 400 && r.errorCode == "DLI.16001" && r.bodyString.contains("\(foreign)"), "\(r.bodyString)")
        #expect(try service.send("DELETE", "/v1.0/\(p)/streaming/jobs/\(own)").status == 200)
        #expect(try metrics(p, #"{"job_ids": [\#(own)]}"#).errorCode == "DLI.16001")
    }

    @Test func jobIDsAreRequiredPositiveAndAtMost100() throws {
        let p = uniqueProject()
        let hundredOne = "[" + (1...101).map(String.init).joined(separator: ",") + "]"
        for body in [#"{}"#, #"{"job_ids": []}"#, #"{"job_ids": [0]}"#, #"{"job_ids": ["x"]}"#, #"{"job_ids": 5}"#, #"{"job_ids": \#(hundredOne)}"#] {
            let r = try metrics(p, body)
            #expect(r.status == 400 && r.errorCode == "DLI.0001" && r.bodyString.contains("'job_ids'"), "\(body): \(r.bodyString)")
        }
    }

    @Test func itNeedsACredentialOfTheProject() throws {
        let p = uniqueProject()
        let r = try service.send(
            "POST", "/v1.0/\(p)/streaming/jobs/metrics", json: #"{"job_ids": [1]}"#, headers: [("X-Auth-Token", "nope")])
        #expect(r.status == 401 && r.errorCode == "DLI.0013")
    }
}
