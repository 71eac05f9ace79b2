import FlinkEngine
import Foundation
import JSONCodec
import JobDomain
import Testing

/// `FlinkEngine.collectLogs` when Flink cannot tell: a Flink job the cluster does not know (lost, or
/// never accepted) and a cluster that cannot be reached. Only what the service knows is written, and
/// `status.json` says so; files of an earlier collection stay.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(2)))
struct JobLogsAdapterFlinkTests {
    let configuration: FlinkEngineConfiguration
    let id = EngineJobID.derived(project: ProjectID("adapter")!, job: JobID(Int64.random(in: 1...1_000_000_000))!, workVersion: 1)

    init() throws {
        configuration = try FlinkTestEnvironment.engineConfiguration()
    }

    func request(_ folder: String, writeWhatIsKnown: Bool = false) -> EngineLogRequest {
        var job = FlinkTestEnvironment.jarJob(name: "lost-logs").stored(project: "adapter")
        job.status = .jobCancelSuccess
        job.statusDescription = "the engine no longer knows the job; it is stopped"
        return EngineLogRequest(engineJobID: id, job: job, folder: folder, writeWhatIsKnown: writeWhatIsKnown)
    }

    func local(_ folder: String) -> String {
        configuration.objectRoot + "/projects/adapter/" + folder.dropFirst("obs://".count)
    }

    func status(_ folder: String) throws -> JSONValue {
        try JSONParser.parse(String(decoding: FileManager.default.contents(atPath: local(folder) + "/status.json") ?? Data(), as: UTF8.self))
    }

    @Test func aJobFlinkDoesNotKnowGetsAStatusSayingSoAndKeepsEarlierFiles() throws {
        let folder = "obs://lost-logs/jobs/1/logs/\(id)"
        // An earlier collection's exception history.
        try FileManager.default.createDirectory(atPath: local(folder), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: local(folder) + "/exceptions.json", contents: Data(#"{"earlier":true}"#.utf8))
        let report = try FlinkEngine(configuration: configuration).collectLogs(request(folder))
        #expect(!report.engineKnewJob && report.files.last == "status.json")
        #expect(!report.files.contains("exceptions.json") && !report.files.contains("checkpoints.json"), "\(report)")
        let status = try status(folder)
        #expect(status["status"]?.stringValue == "job_cancel_success" && status["engine_job_id"]?.stringValue == id.rawValue)
        #expect(status["engine"]?["reachable"] == .bool(true) && status["engine"]?["knows_job"] == .bool(false))
        let notes = status["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(notes.contains { $0.contains("no longer knows engine job \(id)") }, "\(notes)")
        #expect(FileManager.default.contents(atPath: local(folder) + "/exceptions.json") == Data(#"{"earlier":true}"#.utf8))
        // The JobManager logs even the look-up of an unknown job ("Job … not found"): such lines are kept.
        let log = String(decoding: FileManager.default.contents(atPath: local(folder) + "/jobmanager.log") ?? Data(), as: UTF8.self)
        #expect(log.split(separator: "\n").allSatisfy { $0.contains(id.rawValue) })
    }

    @Test func anUnreachableClusterIsRetriedUnlessTheLastAttemptWritesWhatIsKnown() throws {
        var unreachable = configuration
        unreachable.url = "http://127.0.0.1:1"
        unreachable.requestTimeoutSeconds = 2
        let engine = FlinkEngine(configuration: unreachable)
        let folder = "obs://lost-logs/jobs/2/logs/\(id)"
        #expect(throws: EngineError.self) { try engine.collectLogs(request(folder)) }
        #expect(!FileManager.default.fileExists(atPath: local(folder)))
        let report = try engine.collectLogs(request(folder, writeWhatIsKnown: true))
        #expect(report == EngineLogReport(files: ["status.json"], engineKnewJob: false))
        let status = try status(folder)
        #expect(status["engine"]?["reachable"] == .bool(false) && status["status_desc"]?.stringValue?.contains("no longer knows") == true)
    }

    @Test func aFolderOutsideTheProjectsSpaceIsRefused() throws {
        let engine = FlinkEngine(configuration: configuration)
        for folder in ["obs://../etc", "/etc/x", "file:///tmp/x"] {
            #expect(throws: EngineError.self) { try engine.collectLogs(request(folder)) }
        }
    }
}
