import JSONCodec
import Logging
import StreamJobsApp
import TestSupport

/// The whole service (HTTP server, DLI API, service, PostgreSQL repository) started in-process on an
/// ephemeral loopback port against a real database. Tests talk to it over real HTTP.
final class LiveService {
    let runtime: ServiceRuntime
    var port: UInt16 { runtime.port }

    /// - Parameters:
    ///   - databaseURL: the test database as its administrator; the service connects to it as the runtime
    ///     role `streamjobs_app` (row-level security applies), as in production.
    ///   - configure: changes to the configuration read from the environment (e.g. limits no variable sets).
    init(
        databaseURL: String, extra: [String: String] = [:], configure: (inout ServiceConfiguration) -> Void = { _ in }
    ) throws {
        var env = ["STREAMJOBS_DATABASE_URL": try TestDatabase.appURL(for: databaseURL), "STREAMJOBS_HTTP_PORT": "0", "STREAMJOBS_HTTP_THREADS": "4"]
        env["STREAMJOBS_AUTH"] = "none"  // loopback only; the auth tests pass STREAMJOBS_AUTH=on in `extra`
        env.merge(extra) { $1 }
        var config = try ServiceConfiguration.fromEnvironment(env)
        configure(&config)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        runtime = try ServiceRuntime(configuration: config, logger: logger)
    }

    deinit { runtime.shutdown(gracePeriod: .seconds(2)) }

    func client() throws -> HTTPTestClient { try HTTPTestClient(port: port) }

    /// One request on a fresh connection.
    func send(_ method: String, _ target: String, json: String? = nil, headers: [(String, String)] = [])
        throws -> HTTPTestResponse
    {
        var h = headers
        if json != nil && !h.contains(where: { $0.0.lowercased() == "content-type" }) {
            h.append(("Content-Type", "application/json"))
        }
        return try client().send(method: method, target: target, headers: h, body: json.map { Array($0.utf8) })
    }

    /// Creates a SQL job and returns its id.
    func createJob(project: String, name: String) throws -> Int64 {
        let r = try send("POST", "/v1.0/\(project)/streaming/sql-jobs", json: #"{"name":"\#(name)","sql_body":"SELECT 1"}"#)
        guard r.status == 200, let id = try r.json()["job"]?["job_id"]?.int64Value else {
            throw TestFailure("create failed: \(r.status) \(r.bodyString)")
        }
        return id
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension HTTPTestResponse {
    func json() throws -> JSONValue { try JSONParser.parse(body) }

    /// The DLI error code of an error response.
    var errorCode: String? { (try? json())?["error_code"]?.stringValue }
}

/// A project id no other test uses.
func uniqueProject(_ label: String = "p") -> String { "\(label)\(UInt64.random(in: 0...UInt64.max))" }
