import JSONCodec
import Testing
import TestSupport

/// `restart_times` in a job's detail is the stored count (restores after the engine lost the job add to
/// it; RestoreAfterClusterLossFlinkTests covers that on Flink), and a user run resets it.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct RestartTimesAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated()) }

    func restartTimes(_ p: String, _ id: Int64) throws -> JSONValue? {
        try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)").json()["job_detail"]?["restart_times"]
    }

    @Test func detailShowsTheStoredCountAndARunResetsIt() throws {
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "restarts")
        #expect(try restartTimes(p, id)?.int64Value == 0)
        _ = try TestDatabase.query("UPDATE jobs SET restart_times = 3 WHERE project_id = $1 AND job_id = $2", [p, String(id)])
        #expect(try restartTimes(p, id)?.int64Value == 3)
        #expect(try service.send("POST", "/v1.0/\(p)/streaming/jobs/run", json: #"{"job_ids": [\#(id)]}"#).status == 200)
        #expect(try restartTimes(p, id)?.int64Value == 0)
    }
}
