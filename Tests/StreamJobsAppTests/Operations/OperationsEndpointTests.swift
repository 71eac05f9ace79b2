import Foundation
import Testing
import TestSupport

@testable import StreamJobsApp

/// `/healthz`, `/readyz` and `/metrics` on the live service.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct OperationsEndpointTests {
    static func service(databaseURL: String) throws -> LiveService {
        try LiveService(databaseURL: databaseURL, extra: ["STREAMJOBS_MIGRATIONS_DIR": TestDatabase.repositoryMigrationsDirectory])
    }

    @Test func healthzAndReadyzOnAHealthyService() throws {
        let service = try Self.service(databaseURL: TestDatabase.migrated())
        let health = try service.send("GET", "/healthz")
        #expect(health.status == 200)
        #expect(health.bodyString == #"{"status":"ok"}"#)
        let ready = try service.send("GET", "/readyz")
        #expect(ready.status == 200, "\(ready.bodyString)")
        #expect(ready.bodyString == #"{"status":"ready","checks":{"database":"up","schema":"current","engine":"not_configured","config":"ok"}}"#)
        #expect(try service.send("HEAD", "/healthz").status == 200)
        let post = try service.send("POST", "/healthz")
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD")
    }

    @Test func readyzReportsAnUnreachableEngineWithoutLeavingTheLoadBalancer() throws {
        // An engine needs its SQL runner jar to exist (start-up checks); any readable file stands for it here.
        let jar = "/tmp/streamjobs-readyz-\(UInt64.random(in: 0...UInt64.max)).jar"
        try ConfigurationFileTests.write("", to: jar)
        defer { unlink(jar) }
        let service = try LiveService(
            databaseURL: TestDatabase.migrated(),
            extra: [
                "STREAMJOBS_MIGRATIONS_DIR": TestDatabase.repositoryMigrationsDirectory, "STREAMJOBS_FLINK_URL": "http://127.0.0.1:1",
                "STREAMJOBS_FLINK_SQL_RUNNER_JAR": jar,
            ])
        let ready = try service.send("GET", "/readyz")
        #expect(ready.status == 200, "\(ready.bodyString)")
        #expect(ready.bodyString == #"{"status":"ready","checks":{"database":"up","schema":"current","engine":"down","config":"ok"}}"#)
    }

    @Test func openAPIDocumentIsServedWithoutCredentials() throws {
        let root = TestDatabase.repositoryMigrationsDirectory.split(separator: "/", omittingEmptySubsequences: false)
            .dropLast().joined(separator: "/")
        let service = try LiveService(
            databaseURL: TestDatabase.migrated(),
            extra: ["STREAMJOBS_MIGRATIONS_DIR": TestDatabase.repositoryMigrationsDirectory, "STREAMJOBS_REPO_ROOT": root])
        let file = try #require(FileManager.default.contents(atPath: root + "/openapi/streamjobs.json"))
        let response = try HTTPTestClient(port: service.port).send(method: "GET", target: "/openapi.json")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.body == Array(file), "the document as it is in the repository")
        #expect(try service.send("POST", "/openapi.json").status == 405)
        let metrics = try service.send("GET", "/metrics").bodyString
        #expect(metrics.contains(#"streamjobs_http_requests_total{route="/openapi.json",method="GET",status="200"} 1"#))
    }

    @Test func openAPIPathIsTheAPIs404WhenNoDocumentIsFound() throws {
        let service = try LiveService(
            databaseURL: TestDatabase.migrated(),
            extra: ["STREAMJOBS_MIGRATIONS_DIR": TestDatabase.repositoryMigrationsDirectory, "STREAMJOBS_REPO_ROOT": "/nonexistent"],
            configure: { $0.openAPIDocumentPath = nil })
        let response = try service.send("GET", "/openapi.json")
        #expect(response.status == 404)
        #expect(response.bodyString.contains("error_code"), "\(response.bodyString)")
    }

    @Test func readyzIs503WhenTheDatabaseIsUnreachable() throws {
        let service = try Self.service(databaseURL: "postgresql://postgres@127.0.0.1:1/none?connect_timeout=1")
        #expect(try service.send("GET", "/healthz").status == 200, "liveness does not depend on the database")
        let ready = try service.send("GET", "/readyz")
        #expect(ready.status == 503)
        #expect(ready.header("Retry-After") == "1")
        #expect(ready.bodyString.contains(#""database":"down""#))
    }

    @Test func readyzIs503WhenTheSchemaIsBehind() throws {
        let url = try TestDatabase.create(label: "readyz")
        defer { TestDatabase.drop(url) }
        let service = try Self.service(databaseURL: url)
        let ready = try service.send("GET", "/readyz")
        #expect(ready.status == 503)
        #expect(ready.bodyString.contains(#""database":"up","schema":"missing""#), "\(ready.bodyString)")
    }

    @Test func metricsCountRequestsByRouteTemplateWithBoundedLabels() throws {
        let service = try Self.service(databaseURL: TestDatabase.migrated())
        let p = uniqueProject()
        let id = try service.createJob(project: p, name: "metered")
        _ = try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(id)")
        _ = try service.send("GET", "/v1.0/\(p)/streaming/jobs/999999999")
        _ = try service.send("GET", "/no/such/\(p)")
        _ = try service.send("BREW", "/v1.0/\(p)/streaming/jobs/\(id)")
        let metrics = try service.send("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = metrics.bodyString
        let show = "/v1.0/{project_id}/streaming/jobs/{job_id}"
        #expect(text.contains(#"streamjobs_http_requests_total{route="/v1.0/{project_id}/streaming/sql-jobs",method="POST",status="200"} 1"#), "\(text)")
        #expect(text.contains(#"streamjobs_http_requests_total{route="\#(show)",method="GET",status="200"} 1"#))
        #expect(text.contains(#"streamjobs_http_requests_total{route="\#(show)",method="GET",status="400"} 1"#))
        #expect(text.contains(#"streamjobs_http_requests_total{route="unmatched",method="GET",status="404"} 1"#))
        #expect(text.contains(#"streamjobs_http_requests_total{route="unmatched",method="other",status="405"} 1"#))
        #expect(text.contains(#"streamjobs_http_request_duration_seconds_bucket{route="\#(show)",method="GET",le="#))
        #expect(!text.contains(p), "no raw path or project id in any label")
        #expect(text.contains("streamjobs_db_pool_size 4"), "one connection per worker (LiveService runs 4)")
        #expect(text.contains("streamjobs_db_pool_in_use "))
        #expect(text.contains("streamjobs_db_pool_waiting 0"))
        #expect(text.contains(#"streamjobs_jobs{status="job_init"} "#))
        #expect(text.contains(#"streamjobs_engine_errors_total{operation="submit"} 0"#))
        #expect(text.contains("streamjobs_reconciler_lag_seconds "))
        #expect(text.contains("streamjobs_alarms_pending "))
        #expect(text.contains(#"streamjobs_alarm_deliveries_total{outcome="gave_up"} 0"#))
        let scrapeAgain = try service.send("GET", "/metrics").bodyString
        #expect(scrapeAgain.contains(#"streamjobs_http_requests_total{route="/metrics",method="GET",status="200"} 1"#))
    }
}
