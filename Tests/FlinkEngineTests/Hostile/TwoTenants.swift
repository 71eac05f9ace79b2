import Auth
import AuthStorePostgres
import Foundation
import JSONCodec
import Logging
import PostgresClient
import StreamJobsApp
import TestSupport

/// Two projects on one real service: authentication on (a token each), a real PostgreSQL, a real
/// object store on disk and the test Flink cluster. Each tenant talks over HTTP with its own token only.
final class TwoTenants {
    let a = "ta\(UInt32.random(in: 0...UInt32.max))"
    let b = "tb\(UInt32.random(in: 0...UInt32.max))"
    let database: String
    let objectRoot: String
    let runtime: ServiceRuntime
    private(set) var tokens: [String: String] = [:]
    private let adminPool: PGPool

    init() throws {
        database = try FlinkTestEnvironment.freshDatabase(label: "hostile")
        objectRoot = try FlinkTestEnvironment.objectRoot(projects: [a, b])
        let key = MasterKey.generate()
        let config = try ServiceConfiguration.fromEnvironment([
            "STREAMJOBS_DATABASE_URL": try TestDatabase.appURL(for: database), "STREAMJOBS_HTTP_PORT": "0",
            "STREAMJOBS_HTTP_THREADS": "2", "STREAMJOBS_FLINK_URL": try FlinkTestEnvironment.url(),
            "STREAMJOBS_OBJECT_ROOT": objectRoot,
            "STREAMJOBS_FLINK_SQL_RUNNER_JAR": FlinkTestEnvironment.jarsDirectory + "/sql-runner.jar",
            "STREAMJOBS_ENGINE_POLL_INTERVAL_MS": "300", "STREAMJOBS_ENGINE_SAVEPOINT_ON_DELETE": "false",
            "STREAMJOBS_AUTH": "on", "STREAMJOBS_MASTER_KEY": key.base64,
        ])
        var logger = Logger(label: "hostile")
        logger.logLevel = .critical
        runtime = try ServiceRuntime(configuration: config, logger: logger)
        adminPool = PGPool(conninfo: database, size: 1, checkoutTimeout: .seconds(5))
        let store = PostgresCredentialStore(pool: adminPool, logger: logger)
        for project in [a, b] {
            tokens[project] = try store.createToken(project: project, lifetimeSeconds: 3600, description: "t", createdBy: "test").token
        }
    }

    deinit {
        runtime.shutdown(gracePeriod: .seconds(2))
        adminPool.close()
        TestDatabase.drop(database)
    }

    /// `project`'s own object space on disk.
    func space(_ project: String) -> String { "\(objectRoot)/projects/\(project)" }

    /// A request with `as`'s token (each tenant holds only its own) to `path` under `/v1.0/<on>/streaming/`.
    func send(_ method: String, as actor: String, on project: String? = nil, _ path: String, _ json: String? = nil)
        throws -> HTTPTestResponse
    {
        var headers = [("X-Auth-Token", tokens[actor]!)]
        if json != nil { headers.append(("Content-Type", "application/json")) }
        return try HTTPTestClient(port: runtime.port).send(
            method: method, target: "/v1.0/\(project ?? actor)/streaming/\(path)", headers: headers,
            body: json.map { Array($0.utf8) })
    }

    /// The JSON string literal of `text`.
    static func quoted(_ text: String) -> String {
        var w = JSONWriter()
        w.string(text)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// A job's `job_detail`.
    func detail(_ project: String, _ id: Int64) throws -> JSONValue? {
        try JSONParser.parse(send("GET", as: project, "jobs/\(id)").body)["job_detail"]
    }

    /// `project`'s rows in every job table, as text (owner's view, so nothing is hidden).
    func rows(_ project: String) throws -> [[String?]] {
        var all: [[String?]] = []
        for table in ["jobs", "job_journal", "engine_work", "engine_jobs"] {
            all += try TestDatabase.query(
                "SELECT t::text FROM \(table) t WHERE project_id = $1 ORDER BY t::text", [project], database: database)
        }
        return all
    }

    /// SHA-256 of every file below `project`'s space, by relative path.
    func fileHashes(_ project: String) -> [String: String] {
        let base = space(project)
        var hashes: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: base)
        while let relative = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: base + "/" + relative)
            else { continue }
            hashes[relative] = Digest.sha256Hex(data)
        }
        return hashes
    }
}

extension HTTPTestResponse {
    /// The body as JSON.
    func json() throws -> JSONValue { try JSONParser.parse(body) }
}
