import Foundation
import JobDomain
import Testing

/// Job configuration reaching a real Flink job (issue 4): dependency jars on the job's class path,
/// `runtime_config` (Terraform's JSON list and `key=value` lines), parallelism and checkpointing as
/// Flink's REST reports them, and a savepoint triggered into the client's object path.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(4)))
struct JobConfigFlinkTests {
    /// `GreetingJob` (in test-jobs.jar) calls `Greeting`, which lives only in test-deps.jar.
    static func greetingJob(name: String, dependencies: [String]) -> NewJob {
        var job = FlinkTestEnvironment.jarJob(name: name)
        job.config.mainClass = "streamjobs.testjobs.GreetingJob"
        job.config.entrypointArgs = "--name \(name) --rps 10"
        job.config.dependencyJars = dependencies
        return job
    }

    /// The cluster's view of the job's engine job: `GET /jobs/{id}` plus `path` under it.
    static func flink(_ f: EngineFixture, _ id: JobID, _ path: String = "") throws -> [String: Any]? {
        let engineID = try #require(try f.engineID(id))
        return FlinkTestEnvironment.get("/jobs/\(engineID)\(path)", url: f.flinkURL)
    }

    /// Waits until every vertex of the job's Flink job runs (savepoints need running tasks).
    static func allTasksRunning(_ f: EngineFixture, _ id: JobID) -> Bool {
        FlinkTestEnvironment.eventually(45) {
            let vertices = (try? flink(f, id))?["vertices"] as? [[String: Any]] ?? []
            return !vertices.isEmpty && vertices.allSatisfy { $0["status"] as? String == "RUNNING" }
        }
    }

    @Test func dependencyJarsPutTheirClassesOnTheJobsClassPath() throws {
        let f = try EngineFixture()
        let with = try f.create(Self.greetingJob(name: "deps-with", dependencies: ["obs://jars/test-deps.jar"]))
        let without = try f.create(Self.greetingJob(name: "deps-without", dependencies: []))
        try f.apply(.run(resumeSavepoint: false), with)
        try f.apply(.run(resumeSavepoint: false), without)

        #expect(f.wait(with, for: .jobRunning))
        #expect(f.flinkState(with) == "RUNNING")
        // The name came from Greeting, so the main class really ran with the dependency's class.
        #expect(try Self.flink(f, with)?["name"] as? String == "greeting-deps-with")

        #expect(f.wait(without, for: .jobSubmitFail))
        let reason = try f.row(without).desc
        // Flink's root cause: java.lang.ClassNotFoundException: streamjobs.testdeps.Greeting
        #expect(reason.contains("ClassNotFoundException") && reason.contains("streamjobs.testdeps.Greeting"), "\(reason)")

        try f.apply(.stop(triggerSavepoint: false), with)
        #expect(f.wait(with, for: .jobCancelSuccess))
    }

    /// DLI's jobs read their `dependency_files` as class-path resources `userData/<name>`: `SeqJob
    /// --resource` reads one while `main` builds the job and puts its first line into the job's name.
    @Test func dependencyFilesAreClassPathResourcesUnderUserData() throws {
        let f = try EngineFixture()
        let folder = f.objectRoot + "/projects/\(f.project.rawValue)/conf"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "blue\nsecond line\n".write(toFile: folder + "/colour.txt", atomically: true, encoding: .utf8)
        var with = FlinkTestEnvironment.jarJob(name: "files-with")
        with.config.entrypointArgs = "--name files-with --rps 10 --resource userData/colour.txt"
        with.config.dependencyFiles = ["obs://conf/colour.txt"]
        var without = with
        without.name = "files-without"
        without.config.dependencyFiles = []
        var missing = with
        missing.name = "files-missing"
        missing.config.dependencyFiles = ["obs://conf/no-such.txt"]
        let ids = try [with, without, missing].map { try f.create($0) }
        for id in ids { try f.apply(.run(resumeSavepoint: false), id) }

        #expect(f.wait(ids[0], for: .jobRunning))
        #expect(try Self.flink(f, ids[0])?["name"] as? String == "files-with-blue")
        #expect(f.wait(ids[1], for: .jobSubmitFail))
        let reason = try f.row(ids[1]).desc
        #expect(reason.contains("class-path resource userData/colour.txt not found"), "\(reason)")
        #expect(f.wait(ids[2], for: .jobSubmitFail))
        #expect(try f.row(ids[2]).desc.contains("dependency_files: obs://conf/no-such.txt: no such object"))

        try f.apply(.stop(triggerSavepoint: false), ids[0])
        #expect(f.wait(ids[0], for: .jobCancelSuccess))
    }

    @Test func terraformRuntimeConfigParallelismAndCheckpointingReachTheJarJob() throws {
        let f = try EngineFixture()
        var job = FlinkTestEnvironment.jarJob(name: "config-jar")
        job.config.parallelNumber = 2
        job.config.checkpointEnabled = true
        job.config.checkpointInterval = 7
        job.config.checkpointMode = .atLeastOnce
        // As Terraform sends it: a JSON-encoded list of {key, value}; a value may be a JSON number.
        job.config.runtimeConfig = #"""
            [{"key":"pipeline.global-job-parameters","value":"marker:terraform"},{"key":"pipeline.max-parallelism","value":64}]
            """#
        let id = try f.create(job)
        try f.apply(.run(resumeSavepoint: false), id)
        #expect(f.wait(id, for: .jobRunning))

        let vertices = try Self.flink(f, id)?["vertices"] as? [[String: Any]] ?? []
        #expect(!vertices.isEmpty)
        #expect(vertices.allSatisfy { $0["parallelism"] as? Int == 2 && $0["maxParallelism"] as? Int == 64 })
        // `GET /jobs/{id}/config` shows the execution config; `/jobmanager/config` is only the cluster's.
        let execution = try Self.flink(f, id, "/config")?["execution-config"] as? [String: Any]
        #expect(execution?["job-parallelism"] as? Int == 2)
        #expect((execution?["user-config"] as? [String: Any])?["marker"] as? String == "terraform")
        let checkpoints = try Self.flink(f, id, "/checkpoints/config")
        #expect(checkpoints?["mode"] as? String == "at_least_once")
        #expect(checkpoints?["interval"] as? Int == 7000)

        try f.apply(.stop(triggerSavepoint: false), id)
        #expect(f.wait(id, for: .jobCancelSuccess))
    }

    @Test func keyValueRuntimeConfigReachesTheSQLJobAndOverridesItsName() throws {
        let f = try EngineFixture()
        var job = FlinkTestEnvironment.sqlJob(name: "config-sql")
        job.config.checkpointMode = .exactlyOnce
        job.config.runtimeConfig = "pipeline.name = renamed-by-runtime-config\npipeline.global-job-parameters=marker:lines"
        let id = try f.create(job)
        try f.apply(.run(resumeSavepoint: false), id)
        #expect(f.wait(id, for: .jobRunning))

        #expect(try Self.flink(f, id)?["name"] as? String == "renamed-by-runtime-config")
        let execution = try Self.flink(f, id, "/config")?["execution-config"] as? [String: Any]
        #expect((execution?["user-config"] as? [String: Any])?["marker"] as? String == "lines")
        let checkpoints = try Self.flink(f, id, "/checkpoints/config")
        #expect(checkpoints?["mode"] as? String == "exactly_once")
        #expect(checkpoints?["interval"] as? Int == 5000)

        try f.apply(.stop(triggerSavepoint: false), id)
        #expect(f.wait(id, for: .jobCancelSuccess))
    }

    @Test func triggeredSavepointIsWrittenUnderTheClientsPathAndTheJobKeepsRunning() throws {
        let f = try EngineFixture()
        let id = try f.create(FlinkTestEnvironment.jarJob(name: "manual-savepoint"))
        try f.apply(.run(resumeSavepoint: false), id)
        #expect(f.wait(id, for: .jobRunning))
        #expect(Self.allTasksRunning(f, id))

        // What `POST …/jobs/{id}/savepoint {"action":"TRIGGER","savepoint_path":…}` applies.
        _ = try Completion.wait {
            f.service.apply(
                .triggerSavepoint, to: id, in: f.project,
                changes: JobFieldChanges(engineParameters: ["savepoint_path": "obs://sp-bucket/manual/"]), context: f.context,
                completion: $0)
        }
        #expect(FlinkTestEnvironment.eventually(45) { (try? f.row(id))?.hasSavepoint == true })

        let row = try f.row(id)
        let savepoint = try #require(row.savepoint)
        #expect(savepoint.hasPrefix("obs://sp-bucket/manual/savepoint-"), "\(savepoint)")
        let local = f.localPath(savepoint)
        #expect(FileManager.default.fileExists(atPath: local + "/_metadata"), "\(local)")
        let entry = try f.journal(id).last
        #expect(entry?.to == "job_running" && entry?.detail.contains(savepoint) == true, "\(String(describing: entry))")
        #expect(row.status == "job_running")
        #expect(f.flinkState(id) == "RUNNING")

        // A `file:` path would let a client make Flink write anywhere on its host: refused, job unharmed.
        let outside = "\(NSTemporaryDirectory())sj-outside-\(UInt32.random(in: 0...UInt32.max))"
        _ = try Completion.wait {
            f.service.apply(
                .triggerSavepoint, to: id, in: f.project,
                changes: JobFieldChanges(engineParameters: ["savepoint_path": "file://" + outside]), context: f.context,
                completion: $0)
        }
        #expect(FlinkTestEnvironment.eventually(30) { (try? f.journal(id).last?.detail.contains("savepoint failed")) == true })
        #expect(try f.journal(id).last?.detail.contains("not an obs://bucket/key location") == true)
        #expect(!FileManager.default.fileExists(atPath: outside))
        #expect(try f.row(id).savepoint == savepoint)
        #expect(f.status(id) == "job_running" && f.flinkState(id) == "RUNNING")

        try f.apply(.stop(triggerSavepoint: false), id)
        #expect(f.wait(id, for: .jobCancelSuccess))
    }
}
