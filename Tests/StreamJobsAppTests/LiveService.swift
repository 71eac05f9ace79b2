import Auth
import JSONCodec
import Logging
import StreamJobsApp
import TestSupport

/// The whole service (HTTP server, DLI API, service, PostgreSQL repository) started in-process on an
/// ephemeral loopback port against a real database. Tests talk to it over real HTTP, with
/// authentication on (as every deployment runs): requests to `/v1.0/<project>/…` carry a token of that
/// project (``ProjectTokens``) unless they bring their own credentials.
final class LiveService {
    let runtime: ServiceRuntime
    var port: UInt16 { runtime.port }
    /// The port and the credentials, for tests that send from other threads.
    let endpoint: LiveEndpoint

    /// - Parameters:
    ///   - databaseURL: the test database as its administrator; the service connects to it as the runtime
    ///     role `streamjobs_app` (row-level security applies), as in production.
    ///   - extra: more configuration. With `STREAMJOBS_AUTH` or `STREAMJOBS_MASTER_KEY` in it the caller
    ///     manages credentials itself (no tokens are added).
    ///   - configure: changes to the configuration read from the environment (e.g. limits no variable sets).
    init(
        databaseURL: String, extra: [String: String] = [:], configure: (inout ServiceConfiguration) -> Void = { _ in }
    ) throws {
        var env = ["STREAMJOBS_DATABASE_URL": try TestDatabase.appURL(for: databaseURL), "STREAMJOBS_HTTP_PORT": "0", "STREAMJOBS_HTTP_THREADS": "4"]
        let ownCredentials = extra["STREAMJOBS_AUTH"] != nil || extra["STREAMJOBS_MASTER_KEY"] != nil
        env["STREAMJOBS_AUTH"] = "on"
        env["STREAMJOBS_MASTER_KEY"] = MasterKey.generate().base64
        // No purger thread unless a test asks for one: tests that purge tick their own `JobPurger`.
        env["STREAMJOBS_PURGE_INTERVAL_SECONDS"] = "0"
        env.merge(extra) { $1 }
        var config = try ServiceConfiguration.fromEnvironment(env)
        configure(&config)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        runtime = try ServiceRuntime(configuration: config, logger: logger)
        endpoint = LiveEndpoint(
            port: runtime.port, tokens: ownCredentials || env["STREAMJOBS_AUTH"] == "none" ? nil : ProjectTokens(databaseURL: databaseURL))
    }

    deinit { runtime.shutdown(gracePeriod: .seconds(2)) }

    /// An alarm receiver, for services whose tests set `smn_topic` (refused without one). It is never
    /// called: these services run no engine, so no job enters a failure status and no alarm is raised.
    static let alarmReceiver = [
        "STREAMJOBS_ALARM_WEBHOOK_URL": "http://127.0.0.1:9/alarms", "STREAMJOBS_ALARM_WEBHOOK_SECRET": "test-secret-0123456789",
    ]

    /// A new connection whose requests carry the target project's token (see ``LiveEndpoint``).
    func client() throws -> HTTPTestClient { try endpoint.client() }

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

/// Where a live service listens, and the tokens its requests carry: sendable, for tests that send from
/// several threads.
struct LiveEndpoint: Sendable {
    let port: UInt16
    /// Nil when the test manages credentials itself (or authentication is off).
    let tokens: ProjectTokens?

    /// A new connection; its requests to `/v1.0/<project>/…` carry that project's token unless they
    /// bring their own `X-Auth-Token` or `Authorization`.
    func client(timeout: Duration = .seconds(10)) throws -> HTTPTestClient {
        let client = try HTTPTestClient(port: port, timeout: timeout)
        if let tokens {
            client.defaultHeaders = { target, headers in
                let ownCredential = headers.contains { ["authorization", "x-auth-token"].contains($0.0.lowercased()) }
                return ownCredential ? [] : tokens.headers(for: target)
            }
        }
        return client
    }
}
