import Auth
import AuthStorePostgres
import Foundation
import Logging
import PostgresClient
import StreamJobsApp
import Testing
import TestSupport

/// README.md's shell blocks, run as a user pastes them: every block that talks to the service runs after
/// the `export P=… TOKEN=…` line `scripts/run` prints, against the whole service (authentication on) and
/// the test Flink cluster, and must print what ``expected`` lists. Only the service's address is changed
/// (the blocks say 127.0.0.1:8080). The blocks are found by reading the README, so a new one cannot be
/// forgotten: a block that talks to the service needs an entry in ``expected``, and every other shell
/// block is listed in ``notTalkingToTheService``.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(3)))
struct ReadmeDocTests {
    /// What each block that talks to the service must print (besides exiting 0), by block id (its heading).
    static let expected: [String: [String]] = [
        "Try it with curl": [
            #""message":"A DLI job is created successfully.""#, #""message":"Job detail query succeeds.""#,
            #""message":"The job is successfully deleted.""#, #""error_code":"DLI.16001""#, #""error_code":"DLI.0013""#,
        ],
        "Running real Flink jobs": [
            "\njob_running", "job_cancel_success  obs://streamjobs-state/savepoints/savepoint-",
        ],
        "Job logs": [
            #""log_path":"obs://my-logs/jobs/"#, "status.json", "jobmanager.log", "exceptions.json",
            #""status":"job_cancel_success""#, #""state":"CANCELED""#,
        ],
        "Retrying safely (Idempotency-Key)": [
            #""message":"A DLI job is created successfully.""#, "Idempotent-Replayed: true",
            #""error_code":"DLI.0001""#, "it was already used for a different request",
        ],
        "Export and import": [
            #""message":"A DLI job is created successfully.""#, #""message":"Exported 1 job(s).""#,
            #""zip_file":["obs://backup/flink/"#, #""message":"Imported 1 of 1 job(s).""#,
            "Overwrote the job named 'export-me-",
        ],
        "Deleted jobs: journal and restore": [
            #""message":"The job is successfully deleted.""#, #""message":"The job journal is returned.""#,
            #""event":"delete""#, #""event":"create""#, #""message":"Querying of the deleted jobs succeeds.""#,
            #""purge_at":null"#, #""message":"Deleted job detail query succeeds.""#, #""error_code":"DLI.0006""#,
            #""message":"The job is restored.""#, #""status":"job_cancel_success""#,
        ],
    ]

    /// Shell blocks that only install or run things, by block id, with a fragment each must still hold.
    static let notTalkingToTheService: [String: String] = [
        "Two commands (fresh Debian 12 machine, Swift 6 on PATH)": "./scripts/test",
        "Try it with the Python SDK": "pip install huaweicloudsdkdli",
        "Credentials and the admin command": "streamjobs credentials create --project P",
    ]

    /// README.md's shell blocks (none when it cannot be read: ``everyShellBlockIsRunOrListed`` then fails).
    static let shellBlocks: [MarkdownCodeBlock] = {
        guard let readme = try? String(contentsOfFile: TestDatabase.repositoryRoot + "/README.md", encoding: .utf8)
        else { return [] }
        return MarkdownCodeBlock.all(in: readme).filter { $0.language == "sh" }
    }()

    @Test func everyShellBlockIsRunOrListed() {
        #expect(!Self.shellBlocks.isEmpty, "README.md has no ```sh block (or cannot be read)")
        let ids = Self.shellBlocks.map(\.id)
        #expect(Set(ids).count == ids.count, "two shell blocks share an id: \(ids)")
        for block in Self.shellBlocks {
            if block.talksToService {
                #expect(Self.expected[block.id] != nil,
                    "\(block.testDescription) talks to the service: add what it prints to ReadmeDocTests.expected")
            } else {
                #expect(Self.notTalkingToTheService[block.id] != nil,
                    "\(block.testDescription) does not talk to the service: list it in ReadmeDocTests.notTalkingToTheService")
            }
        }
        for (id, fragment) in Self.notTalkingToTheService {
            let block = Self.shellBlocks.first { $0.id == id }
            #expect(block != nil, "README.md lost the shell block \"\(id)\" listed as not talking to the service")
            #expect(block.map { !$0.talksToService } ?? true, "\"\(id)\" talks to the service now: move it to expected")
            #expect(block.map { $0.text.contains(fragment) } ?? true, "\"\(id)\" no longer holds \(fragment)")
        }
        for id in Self.expected.keys {
            #expect(Self.shellBlocks.contains { $0.id == id && $0.talksToService },
                "README.md has no shell block \"\(id)\" talking to the service (stale entry in expected)")
        }
    }

    @Test(arguments: ReadmeDocTests.shellBlocks.filter(\.talksToService))
    func everyBlockTalkingToTheServiceRunsAsPasted(_ block: MarkdownCodeBlock) throws {
        let expected = try #require(Self.expected[block.id], "no expected output for \(block.testDescription)")
        let (status, printed) = try Self.paste(block.text)
        #expect(status == 0, "\(printed)")
        for fragment in expected {
            #expect(printed.contains(fragment), "\(fragment) not in:\n\(printed)")
        }
    }

    /// Runs `block` as pasted into a shell after the export line, against a fresh service; returns its
    /// exit status and everything it printed.
    static func paste(_ block: String) throws -> (status: Int32, printed: String) {
        let database = try FlinkTestEnvironment.freshDatabase(label: "readme")
        defer { TestDatabase.drop(database) }
        // A project of its own: Flink job ids derive from the project and job id, and the test cluster
        // outlives test databases (scripts/run's development project would meet its own earlier jobs).
        let project = "readme\(UInt32.random(in: 0...UInt32.max))"
        let config = try ServiceConfiguration.fromEnvironment([
            "STREAMJOBS_DATABASE_URL": database, "STREAMJOBS_HTTP_PORT": "0",
            "STREAMJOBS_FLINK_URL": try FlinkTestEnvironment.url(),
            "STREAMJOBS_OBJECT_ROOT": try FlinkTestEnvironment.objectRoot(projects: [project]),
            "STREAMJOBS_FLINK_SQL_RUNNER_JAR": FlinkTestEnvironment.jarsDirectory + "/sql-runner.jar",
            "STREAMJOBS_ENGINE_POLL_INTERVAL_MS": "300",
            "STREAMJOBS_AUTH": "on", "STREAMJOBS_MASTER_KEY": MasterKey.generate().base64,
        ])
        var logger = Logger(label: "readme")
        logger.logLevel = .critical
        let runtime = try ServiceRuntime(configuration: config, logger: logger)
        defer { runtime.shutdown(gracePeriod: .seconds(2)) }
        let adminPool = PGPool(conninfo: database, size: 1)
        defer { adminPool.close() }
        let token = try PostgresCredentialStore(pool: adminPool, logger: logger).createToken(
            project: project, lifetimeSeconds: 600, description: "readme", createdBy: "test"
        ).token

        let script = NSTemporaryDirectory() + "readme-block-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sh"
        let output = script + ".out"
        defer { try? FileManager.default.removeItem(atPath: script); try? FileManager.default.removeItem(atPath: output) }
        // The object root the service writes to (a reader's is scripts/run's .local/objects, the blocks' default).
        let pasted = "export P=\(project) TOKEN=\(token) STREAMJOBS_OBJECT_ROOT='\(config.objectRoot)'\n"
            + block.replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(runtime.port)")
        try pasted.write(toFile: script, atomically: true, encoding: .utf8)
        let status = Shell.run("bash '\(script)' > '\(output)' 2>&1")
        return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }
}
