import FlinkEngine
import Foundation
import Synchronization
import JobDomain
import PostgresClient
import SchemaMigrations
import TestSupport

/// The Flink cluster integration tests run against: `STREAMJOBS_TEST_FLINK_URL`, started by
/// `scripts/test`. Suites use `.enabled(if: FlinkTestEnvironment.isConfigured)`: skipped locally without
/// it, failing (not skipped) in CI, where `CI` is set.
enum FlinkTestEnvironment {
    static let urlVariable = "STREAMJOBS_TEST_FLINK_URL"

    static var isConfigured: Bool {
        ProcessInfo.processInfo.environment[urlVariable].map { !$0.isEmpty } == true
            || ProcessInfo.processInfo.environment["CI"] != nil
    }

    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty else {
            throw FlinkTestError(message: "\(urlVariable) is not set; run ./scripts/test (it starts a Flink cluster)")
        }
        return url
    }

    static var jarsDirectory: String { "\(TestDatabase.repositoryRoot)/.local/flink/jars" }

    /// The object-store root of this test process, shared by every engine it makes: tests share the
    /// database and the cluster, so any test's reconciler may carry out another test's work and must
    /// find that project's objects.
    private static let sharedRoot = "\(TestDatabase.repositoryRoot)/.local/test-objects/\(UInt32.random(in: 0...UInt32.max))"

    /// The shared object-store root, where each of `projects` has the test jars at `obs://jars/test-jobs.jar`
    /// , `obs://jars/test-deps.jar` (classes `GreetingJob` needs through `dependency_jars`) and
    /// `obs://jars/test-udf.jar` (the scalar function `streamjobs.testudf.Shout`, for `udf_jar_url`), in
    /// its own space (`<root>/projects/<project>/jars/`).
    static func objectRoot(projects: [String] = ["adapter"]) throws -> String {
        // Tests run in parallel and several use the same project ("adapter"): one copies, the others see it.
        try rootSetup.withLock { _ in try placeJars(for: projects) }
        return sharedRoot
    }

    /// Serializes ``objectRoot(projects:)``'s copies.
    private static let rootSetup = Mutex(())

    private static func placeJars(for projects: [String]) throws {
        for project in projects {
            let jars = "\(sharedRoot)/projects/\(project)/jars"
            try FileManager.default.createDirectory(atPath: jars, withIntermediateDirectories: true)
            for jar in ["test-jobs.jar", "test-deps.jar", "test-udf.jar"] where !FileManager.default.fileExists(atPath: jars + "/" + jar) {
                try FileManager.default.copyItem(atPath: jarsDirectory + "/" + jar, toPath: jars + "/" + jar)
            }
        }
    }

    static func engineConfiguration(url: String? = nil, project: String = "adapter") throws -> FlinkEngineConfiguration {
        FlinkEngineConfiguration(
            url: try url ?? self.url(), objectRoot: try objectRoot(projects: [project]),
            sqlRunnerJar: jarsDirectory + "/sql-runner.jar")
    }

    /// A fresh migrated database of the test's own (so only its own reconcilers claim its work); drop it
    /// with `TestDatabase.drop`.
    static func freshDatabase(label: String) throws -> String {
        let database = try TestDatabase.create(label: label)
        let connection = try PGConnection(conninfo: database)
        defer { connection.close() }
        try Migrator(connection: connection, migrations: MigrationSet.load(directory: TestDatabase.repositoryMigrationsDirectory)).up()
        return database
    }

    /// A SQL job: datagen → blackhole, unbounded.
    static func sqlJob(name: String) -> NewJob {
        var job = NewJob(name: name, jobType: .flinkOpenSourceSQL)
        job.sqlBody = """
            CREATE TABLE src (id BIGINT, s STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '5');
            CREATE TABLE snk (id BIGINT, s STRING) WITH ('connector' = 'blackhole');
            -- a ; in a comment and in a literal must not split statements
            INSERT INTO snk SELECT id, 'a;b' FROM src;
            """
        job.config.checkpointEnabled = true
        job.config.checkpointInterval = 5
        return job
    }

    /// A Jar job running the test jar's `SeqJob` with `arguments`.
    static func jarJob(name: String, arguments: String = "--rps 20") -> NewJob {
        var job = NewJob(name: name, jobType: .flinkJar)
        job.config.entrypoint = "obs://jars/test-jobs.jar"
        job.config.mainClass = "streamjobs.testjobs.SeqJob"
        job.config.entrypointArgs = "--name \(name) \(arguments)"
        return job
    }

    /// Polls `condition` every 200 ms until it holds or `seconds` pass.
    static func eventually(_ seconds: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(200_000)
        }
        return try condition()
    }

    /// `GET path` on the cluster, parsed as JSON (nil on any failure).
    static func get(_ path: String, url: String? = nil) -> [String: Any]? {
        guard let base = try? url ?? self.url(), let u = URL(string: base + path),
            let data = try? Data(contentsOf: u)
        else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// The cluster's state of an engine job ("RUNNING", …), or nil.
    static func state(_ id: String, url: String? = nil) -> String? {
        get("/jobs/\(id)", url: url)?["state"] as? String
    }
}

extension NewJob {
    /// This definition as a stored job, for calling the engine without a database.
    func stored(id: Int64 = Int64.random(in: 1...1_000_000_000), project: String = "adapter") -> Job {
        Job(
            projectID: ProjectID(project)!, id: JobID(id)!, name: name, description: description, jobType: jobType,
            status: .jobSubmitting, statusDescription: "", queueName: nil, userName: nil, runMode: runMode,
            sqlBody: sqlBody, templateID: nil, config: config, tags: [], edgeGroupIDs: [], rootID: -1,
            hasSavepoint: false, savepointPath: nil, createdAtMillis: 0, updatedAtMillis: 0, startedAtMillis: nil,
            version: 2)
    }
}

/// The Flink test environment is not set up; the message says what to do.
struct FlinkTestError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
