import FlinkEngine
import Foundation
import JobDomain
import Testing

/// The Flink adapter against a real Flink 2.3 cluster: submit (SQL and Jar), status, duplicate
/// submissions, cancel, savepoints, failures.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(3)))
struct FlinkEngineAdapterTests {
    let engine: FlinkEngine
    let configuration: FlinkEngineConfiguration

    init() throws {
        configuration = try FlinkTestEnvironment.engineConfiguration()
        engine = FlinkEngine(configuration: configuration)
    }

    func newID() -> EngineJobID {
        EngineJobID.derived(project: ProjectID("adapter")!, job: JobID(Int64.random(in: 1...1_000_000_000))!, workVersion: 1)
    }

    func waitRunning(_ id: EngineJobID) throws -> Bool {
        FlinkTestEnvironment.eventually(45) { (try? engine.status(of: id))?.allTasksRunning == true }
    }

    @Test func sqlJobRunsAndARepeatedSubmissionIsTheSameJob() throws {
        let id = newID()
        let job = FlinkTestEnvironment.sqlJob(name: "adapter-sql").stored()
        #expect(try engine.submit(EngineSubmission(job: job, engineJobID: id, savepointPath: nil)) == id)
        #expect(try waitRunning(id))
        #expect(FlinkTestEnvironment.state(id.rawValue) == "RUNNING")
        // Submitting the same id again (a retry after a crash) starts nothing new.
        #expect(try engine.submit(EngineSubmission(job: job, engineJobID: id, savepointPath: nil)) == id)
        let graph = try engine.executionGraph(of: id)
        #expect(graph.engineJobID == id.rawValue && graph.state == "RUNNING" && graph.name == "adapter-sql")
        try engine.cancel(id)
        #expect(FlinkTestEnvironment.eventually { (try? engine.status(of: id))?.state == .canceled })
        try? engine.cancel(id)  // a repeated cancel is harmless (202, or 409 when already terminal)
    }

    @Test func badSQLIsRejectedWithFlinksReason() throws {
        var definition = FlinkTestEnvironment.sqlJob(name: "adapter-bad")
        definition.sqlBody = "INSERT INTO nowhere SELECT 1"
        let error = #expect(throws: EngineError.self) {
            try engine.submit(EngineSubmission(job: definition.stored(), engineJobID: newID(), savepointPath: nil))
        }
        guard case .rejected(let reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("nowhere"))
    }

    @Test func jarJobFromTheObjectStoreRunsAndItsUploadIsReused() throws {
        let a = newID()
        let b = newID()
        let job = FlinkTestEnvironment.jarJob(name: "adapter-jar").stored()
        _ = try engine.submit(EngineSubmission(job: job, engineJobID: a, savepointPath: nil))
        _ = try engine.submit(EngineSubmission(job: job, engineJobID: b, savepointPath: nil))
        #expect(try waitRunning(a) && waitRunning(b))
        let files = FlinkTestEnvironment.get("/jars")?["files"] as? [[String: Any]] ?? []
        let uploads = files.filter { ($0["name"] as? String)?.hasSuffix("-test-jobs.jar") == true }
        let ours = uploads.filter { ($0["name"] as? String)?.hasPrefix("sj-") == true }
        #expect(!ours.isEmpty)
        // One upload per jar file: a second engine on the same cluster finds it instead of uploading again.
        let second = FlinkEngine(configuration: configuration)
        let c = newID()
        _ = try second.submit(EngineSubmission(job: job, engineJobID: c, savepointPath: nil))
        let after = (FlinkTestEnvironment.get("/jars")?["files"] as? [[String: Any]] ?? []).filter {
            ($0["name"] as? String)?.hasPrefix("sj-") == true && ($0["name"] as? String)?.hasSuffix("-test-jobs.jar") == true
        }
        #expect(after.count == ours.count)
        for id in [a, b, c] { try? engine.cancel(id) }
    }

    @Test func missingJarIsAnInvalidJob() throws {
        var definition = FlinkTestEnvironment.jarJob(name: "adapter-missing")
        definition.config.entrypoint = "obs://jars/none.jar"
        #expect(throws: EngineError.invalidJob("obs://jars/none.jar: no such object")) {
            try engine.submit(EngineSubmission(job: definition.stored(), engineJobID: newID(), savepointPath: nil))
        }
    }

    @Test func failingJobReportsFlinksReason() throws {
        let id = newID()
        let job = FlinkTestEnvironment.jarJob(name: "adapter-fail", arguments: "--rps 50 --fail-after 20").stored()
        _ = try engine.submit(EngineSubmission(job: job, engineJobID: id, savepointPath: nil))
        #expect(FlinkTestEnvironment.eventually { (try? engine.status(of: id))?.state == .failed })
        let status = try engine.status(of: id)
        #expect(status.failureReason?.contains("test failure after 20 records") == true, "\(String(describing: status.failureReason))")
    }

    @Test func stopWithSavepointThenResume() throws {
        let id = newID()
        let job = FlinkTestEnvironment.jarJob(name: "adapter-sp").stored()
        _ = try engine.submit(EngineSubmission(job: job, engineJobID: id, savepointPath: nil))
        #expect(try waitRunning(id))
        let project = ProjectID("adapter")!
        let request = try engine.stopWithSavepoint(id, project: project, directory: "obs://savepoints/adapter", drain: false)
        var path: String?
        _ = try FlinkTestEnvironment.eventually {
            if case .completed(let p) = try engine.savepointProgress(of: id, project: project, request: request) { path = p }
            return path != nil
        }
        // Reported as an object location of the project, written inside the project's space.
        let location = try #require(path)
        #expect(location.hasPrefix("obs://savepoints/adapter/savepoint-"))
        let local = "\(configuration.objectRoot)/projects/adapter/" + location.dropFirst("obs://".count)
        #expect(FileManager.default.fileExists(atPath: local + "/_metadata"))
        #expect(FlinkTestEnvironment.eventually { (try? engine.status(of: id))?.state == .finished })
        let resumed = newID()
        _ = try engine.submit(EngineSubmission(job: job, engineJobID: resumed, savepointPath: location))
        #expect(try waitRunning(resumed))
        let restored = FlinkTestEnvironment.get("/jobs/\(resumed.rawValue)/checkpoints")?["latest"] as? [String: Any]
        #expect((restored?["restored"] as? [String: Any])?["is_savepoint"] as? Bool == true)
        try engine.cancel(resumed)
    }

    @Test func unreachableClusterIsUnavailable() throws {
        var c = configuration
        c.url = "http://127.0.0.1:1"
        c.requestTimeoutSeconds = 2
        let down = FlinkEngine(configuration: c)
        #expect(!down.isReachable())
        #expect(engine.isReachable())
        let error = #expect(throws: EngineError.self) { try down.status(of: newID()) }
        guard case .unavailable? = error else { Issue.record("got \(String(describing: error))"); return }
    }
}
