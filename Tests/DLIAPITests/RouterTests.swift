import HTTPServer
import Testing

@testable import DLIAPI

/// The router in process: templates, 404 versus 405 with `Allow`, and literal segments beating parameters.
struct RouterTests {
    enum Endpoint: Hashable, Sendable { case show, delete, run, list, create }

    let router = Router<Endpoint>([
        .init("GET", "/v1.0/{project_id}/streaming/jobs/{job_id}", .show),
        .init("DELETE", "/v1.0/{project_id}/streaming/jobs/{job_id}", .delete),
        .init("POST", "/v1.0/{project_id}/streaming/jobs/run", .run),
        .init("GET", "/v1.0/{project_id}/streaming/jobs", .list),
        .init("POST", "/v1.0/{project_id}/streaming/sql-jobs", .create),
    ])

    func segments(_ target: String) -> [PercentEncodedString] { HTTPRequest(method: "GET", target: target).pathSegments }

    func match(_ method: String, _ target: String) throws(APIError) -> Router<Endpoint>.Match {
        try router.match(method: method, path: segments(target))
    }

    @Test func matchesTemplatesAndCapturesParameters() throws {
        let m = try match("GET", "/v1.0/p1/streaming/jobs/42")
        #expect(m.endpoint == .show)
        #expect(m.parameters["project_id"]?.decoded == "p1" && m.parameters["job_id"]?.decoded == "42")
        #expect(m.template.description == "/v1.0/{project_id}/streaming/jobs/{job_id}")
        #expect(try match("GET", "/v1.0/p1/streaming/jobs?limit=5").endpoint == .list)
        // Parameters are captured raw and decoded on demand.
        let encoded = try match("DELETE", "/v1.0/a%2Fb/streaming/jobs/1%20")
        #expect(encoded.parameters["project_id"]?.raw == "a%2Fb" && encoded.parameters["project_id"]?.decoded == "a/b")
        #expect(encoded.parameters["job_id"]?.decoded == "1 ")
    }

    @Test func aLiteralSegmentBeatsAParameter() throws {
        #expect(try match("POST", "/v1.0/p/streaming/jobs/run").endpoint == .run)
        // With another method the parameter route still serves "run" as a job id (validated later).
        let show = try match("GET", "/v1.0/p/streaming/jobs/run")
        #expect(show.endpoint == .show && show.parameters["job_id"]?.decoded == "run")
        #expect(try match("DELETE", "/v1.0/p/streaming/jobs/run").endpoint == .delete)
    }

    @Test func literalsBeatParametersWhateverTheRouteOrder() throws {
        let reversed = Router<Endpoint>(router.routes.reversed())
        #expect(try reversed.match(method: "POST", path: segments("/v1.0/p/streaming/jobs/run")).endpoint == .run)
        #expect(try reversed.match(method: "GET", path: segments("/v1.0/p/streaming/jobs/run")).endpoint == .show)
    }

    @Test("unknown paths are 404 DLI.0023", arguments: [
        "/", "/v1.0", "/v1.0/p/streaming", "/v1.0/p/streaming/jobs/1/", "/v1.0/p/streaming/jobs/1/x",
        "/v2/p/streaming/jobs/1", "/v1.0/p/STREAMING/jobs/1", "/v1.0/p/streaming/jobs%2F1",
    ])
    func unknownPathIs404(target: String) {
        #expect(throws: APIError(status: 404, code: "DLI.0023", message: "No matching resource found.")) {
            try match("GET", target)
        }
    }

    @Test func knownPathWithAnotherMethodIs405WithTheSortedAllowList() {
        do {
            _ = try match("PUT", "/v1.0/p/streaming/jobs/run")
            Issue.record("expected 405")
        } catch {
            #expect(error.status == 405 && error.code == "DLI.0007")
            #expect(error.headers.first { $0.0 == "Allow" }?.1 == "DELETE, GET, POST")
        }
        do {
            _ = try match("delete", "/v1.0/p/streaming/jobs/1")  // methods are case-sensitive
            Issue.record("expected 405")
        } catch {
            #expect(error.status == 405 && error.headers.first { $0.0 == "Allow" }?.1 == "DELETE, GET")
        }
    }

    @Test func aHostileMethodIsNotEchoedVerbatim() {
        do {
            _ = try match(String(repeating: "X", count: 1000) + "\u{1}", "/v1.0/p/streaming/sql-jobs")
            Issue.record("expected 405")
        } catch {
            #expect(error.status == 405 && error.message.count < 120, "\(error.message)")
        }
    }

    @Test func theServiceRouteTableHasNoDuplicatesAndItsLiteralsWin() throws {
        let table = Router(DLIEndpoint.routes)
        let keys = DLIEndpoint.routes.map { "\($0.method) \($0.template.description)" }
        #expect(Set(keys).count == keys.count)
        let run = try table.match(method: "POST", path: segments("/v1.0/p/streaming/jobs/run"))
        #expect(run.endpoint == .runJobs)
        let show = try table.match(method: "GET", path: segments("/v1.0/p/streaming/jobs/run"))
        #expect(show.endpoint == .showJob)
    }
}
