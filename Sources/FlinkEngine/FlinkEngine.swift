import Foundation
import JSONCodec
import JobDomain

/// `Engine` over a Flink session cluster's JobManager REST API (HTTP + JSON; https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/rest_api/).
/// Every job, SQL ones included, is a jar run (`POST /jars/{id}/run`) under the id StreamJobs chose.
public final class FlinkEngine: Engine {
    let configuration: FlinkEngineConfiguration
    let http: FlinkHTTPClient
    let jars: FlinkJarUploads
    let store: EngineObjects

    public init(configuration: FlinkEngineConfiguration) {
        self.configuration = configuration
        http = FlinkHTTPClient(base: configuration.url)
        jars = FlinkJarUploads(http: http, timeout: configuration.submitTimeoutSeconds)
        store = EngineObjects(root: configuration.objectRoot)
    }

    var timeout: Double { configuration.requestTimeoutSeconds }

    /// Whether the JobManager answers its REST API (`GET /overview` is 200) within `timeout` seconds;
    /// for readiness reports, never for decisions about jobs.
    public func isReachable(timeout: Double = 1) -> Bool {
        (try? http.send("GET", "/overview", timeout: timeout).status) == 200
    }

    public func submit(_ submission: EngineSubmission) throws(EngineError) -> EngineJobID {
        let program = try FlinkProgram.make(submission.job, store: store, sqlRunnerJar: configuration.sqlRunnerJar)
        try checkSlots(program, job: submission.job)
        let savepoint = try submission.savepointPath.map { (path) throws(EngineError) in
            try store.savepointURL(of: path, project: submission.job.projectID)
        }
        var retried = false
        while true {
            let jarID = try jars.jarID(for: program.jarPath)
            let body = runBody(program, id: submission.engineJobID, savepoint: savepoint)
            let response = try http.send("POST", "/jars/\(jarID)/run", body: body, timeout: configuration.submitTimeoutSeconds)
            switch response.status {
            case 200, 202:
                return submission.engineJobID
            case _ where FlinkErrorText.isDuplicateSubmission(response.body):
                return submission.engineJobID  // an earlier attempt of this very submission won
            case 404 where !retried, 500 where !retried:
                // The cluster may have restarted and lost its uploaded jars: upload again, once.
                jars.forget(program.jarPath)
                retried = true
            case 500..<600:
                throw .rejected(FlinkErrorText.reason(response.body))
            default:
                throw .rejected(FlinkErrorText.reason(response.body))
            }
        }
    }

    /// The body of `POST /jars/{id}/run` and `/plan` (same fields): a plan has no job id and no savepoint.
    func runBody(_ program: FlinkProgram, id: EngineJobID?, savepoint: String?) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        if let entry = program.entryClass { w.field("entryClass", entry) }
        w.key("programArgsList")
        w.beginArray()
        for argument in program.arguments { w.string(argument) }
        w.endArray()
        w.field("parallelism", program.parallelism)
        if let id { w.field("jobId", id.rawValue) }
        if let savepoint {
            w.field("savepointPath", savepoint)
            w.field("allowNonRestoredState", true)
        }
        w.key("flinkConfiguration")
        w.beginObject()
        for (key, value) in program.configuration {
            w.key(key)
            w.string(value)
        }
        w.endObject()
        w.endObject()
        return w.bytes
    }
}
