import AlarmWebhook
import Auth
import AuthStorePostgres
import Foundation
import HTTPServer
import JSONCodec
import Logging
import PostgresClient
import StreamJobsApp
import Synchronization
import Testing
import TestSupport

/// A webhook receiver for the test (the project's own HTTP server on an ephemeral loopback port): it
/// records every delivery and answers 500 to the first `failures`, 200 after.
final class AlarmReceiver: HTTPResponder {
    struct Delivery: Sendable {
        let headers: HTTPHeaders
        let body: [UInt8]
    }
    let failures: Int
    let received = Mutex<[Delivery]>([])

    init(failures: Int) { self.failures = failures }

    func answer(_ request: HTTPRequest) -> HTTPAnswer {
        let count = received.withLock { list in
            list.append(Delivery(headers: request.headers, body: request.body))
            return list.count
        }
        return .now(HTTPResponse(status: count <= failures ? 500 : 200))
    }

    func respond(to error: HTTPServerError, method: String, path: String, requestID: String, route: RequestRoute)
        -> HTTPResponse
    { HTTPResponse(status: 400) }

    var deliveries: [Delivery] { received.withLock { $0 } }
}

/// Issue 16, "Alarms", end to end: a job with an `smn_topic` that can never fit the shared cluster's 32
/// slots ends in job_submit_fail (before anything reaches Flink); its alarm is POSTed, signed, to a
/// webhook that fails twice and then acknowledges; the job's alarms endpoint shows the delivery, and
/// another project's credentials see nothing of it. Over real HTTP with authentication on.
@Suite(.enabled(if: FlinkTestEnvironment.isConfigured), .timeLimit(.minutes(3)))
struct AlarmWebhookFlinkTests {
    @Test func aSubmitFailureAlarmIsRetriedUntilTheWebhookAcknowledgesIt() throws {
        let receiver = AlarmReceiver(failures: 2)
        var logger = Logger(label: "alarms")
        logger.logLevel = .critical
        let hook = HTTPServer(configuration: HTTPServerConfiguration(port: 0, threadPoolSize: 1), responder: receiver, logger: logger)
        try hook.start()
        defer { hook.shutdown(gracePeriod: .seconds(1)) }

        let database = try FlinkTestEnvironment.freshDatabase(label: "alarms")
        defer { TestDatabase.drop(database) }
        let secret = "alarm-secret-\(UInt64.random(in: 0...UInt64.max))"
        let config = try ServiceConfiguration.fromEnvironment([
            "STREAMJOBS_DATABASE_URL": try TestDatabase.appURL(for: database), "STREAMJOBS_HTTP_PORT": "0",
            "STREAMJOBS_HTTP_THREADS": "2", "STREAMJOBS_FLINK_URL": try FlinkTestEnvironment.url(),
            "STREAMJOBS_OBJECT_ROOT": try FlinkTestEnvironment.objectRoot(),
            "STREAMJOBS_FLINK_SQL_RUNNER_JAR": FlinkTestEnvironment.jarsDirectory + "/sql-runner.jar",
            "STREAMJOBS_ENGINE_POLL_INTERVAL_MS": "300", "STREAMJOBS_AUTH": "on",
            "STREAMJOBS_MASTER_KEY": MasterKey.generate().base64,
            "STREAMJOBS_ALARM_WEBHOOK_URL": "http://127.0.0.1:\(hook.boundPort)/alarms",
            "STREAMJOBS_ALARM_WEBHOOK_SECRET": secret, "STREAMJOBS_ALARM_RETRY_INITIAL_MS": "200",
        ])
        let runtime = try ServiceRuntime(configuration: config, logger: logger)
        defer { runtime.shutdown(gracePeriod: .seconds(2)) }
        let p = "alarm\(UInt32.random(in: 0...UInt32.max))", q = "other\(UInt32.random(in: 0...UInt32.max))"
        let adminPool = PGPool(conninfo: database, size: 1)
        defer { adminPool.close() }
        let credentials = PostgresCredentialStore(pool: adminPool, logger: logger)
        let token = try credentials.createToken(project: p, lifetimeSeconds: 600, description: "t", createdBy: "test").token
        let otherToken = try credentials.createToken(project: q, lifetimeSeconds: 600, description: "t", createdBy: "test").token
        func send(_ method: String, _ target: String, _ json: String? = nil, as credential: String? = nil) throws
            -> HTTPTestResponse
        {
            try HTTPTestClient(port: runtime.port).send(
                method: method, target: target,
                headers: [("X-Auth-Token", credential ?? token)] + (json == nil ? [] : [("Content-Type", "application/json")]),
                body: json.map { Array($0.utf8) })
        }

        var body = JSONWriter()
        body.beginObject()
        body.field("name", "alarm-huge")
        body.field("sql_body", FlinkTestEnvironment.sqlJob(name: "x").sqlBody!)
        body.field("parallel_number", 64)
        body.field("smn_topic", "ops-pager")
        body.endObject()
        let created = try send("POST", "/v1.0/\(p)/streaming/sql-jobs", String(decoding: body.bytes, as: UTF8.self))
        #expect(created.status == 200, "\(created.bodyString)")
        let id = try #require(try JSONParser.parse(created.body)["job"]?["job_id"]?.int64Value)
        #expect(try send("POST", "/v1.0/\(p)/streaming/jobs/run", #"{"job_ids": [\#(id)]}"#).status == 200)
        func detail() -> JSONValue? { try? JSONParser.parse(send("GET", "/v1.0/\(p)/streaming/jobs/\(id)").body)["job_detail"] }
        #expect(FlinkTestEnvironment.eventually(60) { detail()?["status"]?.stringValue == "job_submit_fail" })
        let reason = detail()?["status_desc"]?.stringValue ?? ""

        func alarms(_ target: String = "/v1.0/\(p)/streaming/jobs/\(id)/alarms", as credential: String? = nil) throws
            -> HTTPTestResponse
        { try send("GET", target, as: credential) }
        #expect(
            FlinkTestEnvironment.eventually(60) {
                (try? JSONParser.parse(alarms().body))?["alarms"]?.arrayValue?.first?["state"]?.stringValue == "delivered"
            })
        let listed = try alarms()
        #expect(listed.status == 200, "\(listed.bodyString)")
        let list = try JSONParser.parse(listed.body)
        #expect(list["count"]?.int64Value == 1)
        let shown = try #require(list["alarms"]?.arrayValue?.first)
        #expect(shown["attempts"]?.int64Value == 3)
        #expect(shown["last_http_status"]?.int64Value == 200)
        #expect(shown["last_error"] == .null && shown["next_attempt_at"] == .null)
        #expect(shown["delivered_at"]?.int64Value != nil)
        #expect(shown["status"]?.stringValue == "job_submit_fail" && shown["topic"]?.stringValue == "ops-pager")
        #expect(shown["reason"]?.stringValue == reason && reason.contains("parallel_number 64"), "\(reason)")

        // Three attempts, each signed over "<timestamp>.<body>" with the shared secret.
        let deliveries = receiver.deliveries
        #expect(deliveries.count == 3)
        for (n, delivery) in deliveries.enumerated() {
            let timestamp = try #require(delivery.headers["X-StreamJobs-Timestamp"].flatMap { Int64($0) })
            let signature = try #require(delivery.headers["X-StreamJobs-Signature"])
            let expected = "sha256=" + Hex.encode(
                Digest.hmacSHA256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + delivery.body))
            #expect(signature == expected)
            #expect(!AlarmSignature.verify(signature, secret: Array("another secret!!".utf8), timestamp: timestamp, body: delivery.body))
            let payload = try JSONParser.parse(delivery.body)
            #expect(payload["attempt"]?.int64Value == Int64(n + 1))
            #expect(payload["alarm_id"] == shown["alarm_id"])
            #expect(payload["project_id"]?.stringValue == p && payload["job_id"]?.int64Value == id)
            #expect(payload["job_name"]?.stringValue == "alarm-huge" && payload["topic"]?.stringValue == "ops-pager")
            #expect(payload["status"]?.stringValue == "job_submit_fail" && payload["reason"]?.stringValue == reason)
            #expect(payload["created_at"] == shown["created_at"])
        }

        let metrics = try HTTPTestClient(port: runtime.port).send(method: "GET", target: "/metrics", headers: [], body: nil)
        for line in [
            #"streamjobs_alarm_deliveries_total{outcome="delivered"} 1"#, #"streamjobs_alarm_deliveries_total{outcome="failed"} 2"#,
            "streamjobs_alarms_pending 0",
        ] {
            #expect(metrics.bodyString.contains(line), "\(line)")
        }

        // Another project's credentials: refused on this project's path, and the job is unknown in its own.
        let foreign = try alarms(as: otherToken)
        #expect(foreign.status == 403 && !foreign.bodyString.contains("ops-pager"))
        let ownPath = try alarms("/v1.0/\(q)/streaming/jobs/\(id)/alarms", as: otherToken)
        #expect(ownPath.status == 400 && !ownPath.bodyString.contains("ops-pager"), "\(ownPath.bodyString)")
        #expect(try send("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)").status == 200)
    }
}
