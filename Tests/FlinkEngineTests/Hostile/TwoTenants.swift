import Auth
import AuthStorePostgres
import Foundation
import JSONCodec
import Logging
import PostgresClient
import StreamJobsApp
import Testing
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

    /// Every answer A got (checked at the end: nothing of B's in any of them).
    private(set) var answersToA: [HTTPTestResponse] = []

    /// A request as A (A's token, A's path unless `on` says otherwise), kept for ``expectNothingOfBReachedA()``.
    func attack(_ method: String, on project: String? = nil, _ path: String, _ json: String? = nil) throws -> HTTPTestResponse {
        let r = try send(method, as: a, on: project, path, json)
        answersToA.append(r)
        return r
    }

    /// Locations that name B's files, or anything outside a project's space, in every spelling tried.
    func foreignLocations(_ extra: [String] = []) -> [String] {
        [
            "file://" + space(b) + "/bbucket/secret.jar", "file:///etc/passwd", space(b) + "/bbucket/secret.jar",
            "obs://../../etc", "obs://bbucket/../../\(b)/bbucket/secret.jar", "../\(b)/bbucket/secret.jar",
            "hdfs://x/y", "s3://bbucket/secret.jar", "obs:///etc",
        ] + extra
    }

    /// B's secret jar (a copy of the test jar) at B's `obs://bbucket/secret.jar`.
    func giveBASecretJar() throws {
        try FileManager.default.createDirectory(atPath: space(b) + "/bbucket", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: space(b) + "/jars/test-jobs.jar", toPath: space(b) + "/bbucket/secret.jar")
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

extension TwoTenants {
    /// The marker in B's SQL: it must never appear in an answer to A.
    static let marker = "B_SECRET_MARKER_7f3a"

    /// 400 `DLI.0001` naming `field`, in a DLI error body.
    func expectRefused(
        _ r: HTTPTestResponse, naming field: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            r.status == 400 && (try? r.json())?["error_code"] == "DLI.0001" && r.bodyString.contains(field),
            "\(what): \(r.status) \(r.bodyString)", sourceLocation: sourceLocation)
    }

    /// No answer to A holds B's SQL marker or B's space; every refusal had a DLI error body.
    func expectNothingOfBReachedA(sourceLocation: SourceLocation = #_sourceLocation) {
        for r in answersToA {
            #expect(
                !r.bodyString.contains(Self.marker) && !r.bodyString.contains(space(b)), "\(r.bodyString)",
                sourceLocation: sourceLocation)
            if r.status >= 400 {
                let body = try? r.json()
                #expect(
                    body?["error_code"]?.stringValue != nil && body?["error_msg"]?.stringValue != nil, "\(r.bodyString)",
                    sourceLocation: sourceLocation)
            }
        }
    }
}
