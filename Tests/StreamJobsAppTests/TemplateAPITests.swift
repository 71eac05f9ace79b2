import Foundation
import JSONCodec
import Testing
import TestSupport

/// The Flink SQL job template API (dli-api.md §3.16) end to end: real HTTP, real PostgreSQL.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct TemplateAPITests {
    let service: LiveService
    init() throws {
        service = try LiveService(databaseURL: try TestDatabase.migrated(), extra: ["STREAMJOBS_MAX_BODY_BYTES": "4194304"])
    }

    func path(_ project: String, _ id: Int64? = nil) -> String {
        "/v1.0/\(project)/streaming/job-templates" + (id.map { "/\($0)" } ?? "")
    }

    /// Creates a template and returns its id.
    func createTemplate(_ project: String, _ name: String, sql: String = "SELECT 1", extra: String = "") throws -> Int64 {
        let r = try service.send("POST", path(project), json: #"{"name": "\#(name)", "sql_body": "\#(sql)"\#(extra)}"#)
        guard r.status == 200, let id = try r.json()["template"]?["template_id"]?.int64Value else {
            throw TestFailure("create failed: \(r.status) \(r.bodyString)")
        }
        return id
    }

    func list(_ project: String, _ query: String = "") throws -> (total: Int64?, names: [String]) {
        let r = try service.send("GET", path(project) + query)
        guard r.status == 200 else { throw TestFailure("list failed: \(r.status) \(r.bodyString)") }
        let list = try r.json()["template_list"]
        let names = list?["templates"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        return (list?["total_count"]?.int64Value, names)
    }

    // MARK: - Success per endpoint

    @Test func createAnswersTheDocumentedShapeWithABooleanIsSuccess() throws {
        let p = uniqueProject()
        let r = try service.send(
            "POST", path(p),
            json: #"{"name": "orders_tpl", "desc": "d", "sql_body": "SELECT 1", "tags": [{"key": "team", "value": "data"}]}"#)
        #expect(r.status == 200, "\(r.bodyString)")
        #expect(r.bodyString.hasPrefix(#"{"is_success":true,"#), "\(r.bodyString)")  // a JSON boolean, not "true"
        let body = try r.json()
        #expect(body["is_success"] == .bool(true))
        let t = try #require(body["template"])
        #expect((t["template_id"]?.int64Value ?? 0) > 0)
        #expect(t["name"] == .string("orders_tpl") && t["desc"] == .string("d"))
        #expect(t["job_type"] == .string("flink_sql_job"))  // the SDK's default
        #expect((t["create_time"]?.int64Value ?? 0) > 1_700_000_000_000)
        #expect(t["create_time"]?.numberValue?.isInteger == true)
    }

    @Test func listReturnsEveryDocumentedFieldWithTheirTypes() throws {
        let p = uniqueProject()
        let id = try createTemplate(p, "one", extra: #", "desc": "x", "job_type": "flink_opensource_sql_job""#)
        let r = try service.send("GET", path(p))
        #expect(r.status == 200)
        #expect(r.bodyString.hasPrefix(#"{"is_success":true,"#))
        let list = try #require(try r.json()["template_list"])
        #expect(list["total_count"]?.int64Value == 1)
        let item = try #require(list["templates"]?.arrayValue?.first)
        #expect(item["template_id"]?.int64Value == id)
        #expect(item["name"] == .string("one") && item["desc"] == .string("x") && item["sql_body"] == .string("SELECT 1"))
        #expect(item["job_type"] == .string("flink_opensource_sql_job"))
        #expect(item["create_time"]?.numberValue?.isInteger == true && item["update_time"]?.numberValue?.isInteger == true)
    }

    @Test func updateChangesOnlyTheGivenFields() throws {
        let p = uniqueProject()
        let id = try createTemplate(p, "before", extra: #", "desc": "keep""#)
        let r = try service.send("PUT", path(p, id), json: #"{"sql_body": "SELECT 2"}"#)
        #expect(r.status == 200, "\(r.bodyString)")
        #expect(try r.json() == ["is_success": true, "message": "The template is updated successfully."])
        let renamed = try service.send("PUT", path(p, id), json: #"{"name": "after", "desc": ""}"#)
        #expect(renamed.status == 200)
        let item = try #require(try service.send("GET", path(p)).json()["template_list"]?["templates"]?.arrayValue?.first)
        #expect(item["name"] == .string("after") && item["desc"] == .string("") && item["sql_body"] == .string("SELECT 2"))
        #expect((item["update_time"]?.int64Value ?? 0) >= (item["create_time"]?.int64Value ?? .max))
        // An empty name leaves the name as it is (OTC documents 0–64 characters on update).
        #expect(try service.send("PUT", path(p, id), json: #"{"name": ""}"#).status == 200)
        #expect(try list(p).names == ["after"])
    }

    @Test func deleteSoftDeletesAndTheTemplateDisappears() throws {
        let p = uniqueProject()
        let id = try createTemplate(p, "doomed")
        let r = try service.send(
            "DELETE", path(p, id), headers: [("Content-Type", "application/json"), ("Content-Length", "0")])
        #expect(r.status == 200, "\(r.bodyString)")
        let body = try r.json()
        #expect(body["is_success"] == .bool(true))
        #expect(body["template"]?["template_id"]?.int64Value == id)
        // Invisible to every API...
        #expect(try list(p).total == 0)
        let update = try service.send("PUT", path(p, id), json: #"{"desc": "x"}"#)
        #expect(update.status == 400 && update.errorCode == "DLI.0002")
        let again = try service.send("DELETE", path(p, id))
        #expect(again.status == 400 && again.errorCode == "DLI.0002")
        // ...but the row is kept, and the name is free again.
        let rows = try TestDatabase.query(
            "SELECT deleted_at IS NOT NULL, deleted_request_id IS NOT NULL FROM job_templates WHERE project_id = $1 AND template_id = $2",
            [p, String(id)])
        #expect(rows == [["t", "t"]])
        _ = try createTemplate(p, "doomed")
    }

    @Test func deleteIsAllowedWhileJobsUseTheTemplate() throws {
        let p = uniqueProject()
        let id = try createTemplate(p, "used", sql: "SELECT 42")
        let job = try service.send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "j", "template_id": \#(id)}"#)
        #expect(job.status == 200)
        #expect(try service.send("DELETE", path(p, id)).status == 200)
        let jobID = try #require(try job.json()["job"]?["job_id"]?.int64Value)
        let detail = try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(jobID)").json()
        #expect(detail["job_detail"]?["sql_body"] == .string("SELECT 42"))  // the job keeps its SQL
    }

    // MARK: - Listing

    @Test func listFiltersByFuzzyNameAndTagsAndCountsTheFilterNotThePage() throws {
        let p = uniqueProject()
        for i in 0..<12 { _ = try createTemplate(p, "Orders_\(i)", extra: #", "tags": [{"key": "team", "value": "\#(i % 2 == 0 ? "a" : "b")"}]"#) }
        _ = try createTemplate(p, "payments", extra: #", "tags": [{"key": "team", "value": "a"}, {"key": "env", "value": "prod"}]"#)

        let all = try list(p)
        #expect(all.total == 13 && all.names.count == 10)  // limit defaults to 10
        let fuzzy = try list(p, "?name=ORDERS_1")  // case-insensitive substring: Orders_1, Orders_10, Orders_11
        #expect(fuzzy.total == 3 && Set(fuzzy.names) == ["Orders_1", "Orders_10", "Orders_11"])
        let tagged = try list(p, "?tags=team%3Da&limit=100")
        #expect(tagged.total == 7 && tagged.names.count == 7)
        let both = try list(p, "?tags=team=a,env=prod")
        #expect(both.total == 1 && both.names == ["payments"])
        let page = try list(p, "?name=orders&limit=5&offset=10")
        #expect(page.total == 12 && page.names.count == 2)
        let none = try list(p, "?name=nothing-matches")
        #expect(none.total == 0 && none.names.isEmpty)
    }

    @Test func listOrdersNewestFirstByDefaultAndPagesWithOffset() throws {
        let p = uniqueProject()
        for i in 0..<5 { _ = try createTemplate(p, "t\(i)") }
        #expect(try list(p).names == ["t4", "t3", "t2", "t1", "t0"])
        #expect(try list(p, "?order=desc").names == ["t4", "t3", "t2", "t1", "t0"])
        #expect(try list(p, "?order=asc&limit=2").names == ["t0", "t1"])
        #expect(try list(p, "?order=asc&limit=2&offset=2").names == ["t2", "t3"])
        // Terraform pages until an empty page: an offset past the end is 200 with an empty list.
        let past = try list(p, "?offset=100&limit=100")
        #expect(past.total == 5 && past.names.isEmpty)
        let far = try list(p, "?offset=9223372036854775807")
        #expect(far.total == 5 && far.names.isEmpty)
        #expect(try list(p, "?limit=0") == (5, []))
    }

    // MARK: - Validation

    static let invalidCreates: [(String, String)] = [
        (#"{"sql_body": "x"}"#, "'name'"),
        (#"{"name": ""}"#, "'name'"),
        (#"{"name": 7}"#, "'name'"),
        (#"{"name": "\#(String(repeating: "n", count: 65))"}"#, "'name'"),
        (#"{"name": "a\nb"}"#, "'name'"),
        (#"{"name": "a", "desc": "\#(String(repeating: "d", count: 2049))"}"#, "'desc'"),
        (#"{"name": "a", "sql_body": 1}"#, "'sql_body'"),
        (#"{"name": "a", "job_type": "flink_jar_job"}"#, "'job_type'"),
        (#"{"name": "a", "tags": "k=v"}"#, "'tags'"),
        (#"{"name": "a", "tags": [{"key": "k"}]}"#, "'tags[0].value'"),
        (#"{"name": "a", "tags": [{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]}"#, "'tags'"),
        (#"{"name": "a",}"#, "'body'"),
        (#"[]"#, "'body'"),
    ]

    @Test("invalid create bodies are 400 DLI.0001 naming the field, and store nothing", arguments: invalidCreates)
    func invalidCreate(json: String, field: String) throws {
        let p = uniqueProject()
        let r = try service.send("POST", path(p), json: json)
        #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(r.bodyString)")
        #expect(try r.json()["error_msg"]?.stringValue?.contains(field) == true, "\(r.bodyString)")
        #expect(try list(p).total == 0)
    }

    @Test func sqlBodyUpToOneMebibyteIsAcceptedAndBeyondIsRefused() throws {
        let p = uniqueProject()
        let limit = 1024 * 1024
        let ok = try service.send("POST", path(p), json: #"{"name": "big", "sql_body": "\#(String(repeating: "s", count: limit))"}"#)
        #expect(ok.status == 200)
        let tooBig = try service.send("POST", path(p), json: #"{"name": "bigger", "sql_body": "\#(String(repeating: "s", count: limit + 1))"}"#)
        #expect(tooBig.status == 400 && tooBig.errorCode == "DLI.0001")
        #expect(try tooBig.json()["error_msg"]?.stringValue?.contains("'sql_body'") == true)
        let id = try #require(try ok.json()["template"]?["template_id"]?.int64Value)
        let update = try service.send("PUT", path(p, id), json: #"{"sql_body": "\#(String(repeating: "s", count: limit + 1))"}"#)
        #expect(update.status == 400 && update.errorCode == "DLI.0001")
    }

    static let invalidUpdates: [(String, String)] = [
        (#"{"name": "\#(String(repeating: "n", count: 65))"}"#, "'name'"),
        (#"{"name": 1}"#, "'name'"),
        (#"{"desc": false}"#, "'desc'"),
        (#"{"desc": "\#(String(repeating: "d", count: 2049))"}"#, "'desc'"),
        (#"{"sql_body": ["x"]}"#, "'sql_body'"),
        (#"not json"#, "'body'"),
    ]

    @Test("invalid update bodies are 400 DLI.0001 naming the field, and change nothing", arguments: invalidUpdates)
    func invalidUpdate(json: String, field: String) throws {
        let p = uniqueProject()
        let id = try createTemplate(p, "stay")
        let r = try service.send("PUT", path(p, id), json: json)
        #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(r.bodyString)")
        #expect(try r.json()["error_msg"]?.stringValue?.contains(field) == true, "\(r.bodyString)")
        #expect(try list(p).names == ["stay"])
    }

    static let invalidQueries: [(String, String)] = [
        ("?limit=101", "'limit'"), ("?limit=-1", "'limit'"), ("?limit=ten", "'limit'"), ("?limit=1.5", "'limit'"),
        ("?offset=-1", "'offset'"), ("?offset=x", "'offset'"), ("?offset=9223372036854775808", "'offset'"),
        ("?order=up", "'order'"), ("?tags=novalue", "'tags'"), ("?tags=k=", "'tags'"), ("?tags=%zz", "'tags'"),
        ("?name=\(String(repeating: "n", count: 65))", "'name'"), ("?name=a%01", "'name'"),
    ]

    @Test("invalid list queries are 400 DLI.0001 naming the parameter", arguments: invalidQueries)
    func invalidQuery(query: String, parameter: String) throws {
        let r = try service.send("GET", path(uniqueProject()) + query)
        #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(query): \(r.bodyString)")
        #expect(try r.json()["error_msg"]?.stringValue?.contains(parameter) == true, "\(r.bodyString)")
    }

    @Test("invalid template ids are 400 DLI.0001 naming template_id",
          arguments: ["0", "-1", "abc", "1.5", "01", "9223372036854775808", "%201", String(repeating: "9", count: 1000)])
    func invalidTemplateID(id: String) throws {
        let p = uniqueProject()
        for (method, json) in [("PUT", #"{"desc": "x"}"#), ("DELETE", nil)] {
            let r = try service.send(method, path(p) + "/" + id, json: json)
            #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(method) \(id): \(r.bodyString)")
            #expect(try r.json()["error_msg"]?.stringValue?.contains("'template_id'") == true)
        }
    }

    @Test func unknownTemplateIsDLI0002AndDuplicateNamesAreDLI0006() throws {
        let p = uniqueProject()
        for (method, json) in [("PUT", #"{"desc": "x"}"#), ("DELETE", nil)] {
            let r = try service.send(method, path(p, 9_223_372_036_854_775_807), json: json)
            #expect(r.status == 400 && r.errorCode == "DLI.0002", "\(r.bodyString)")
        }
        _ = try createTemplate(p, "taken")
        let other = try createTemplate(p, "other")
        let dup = try service.send("POST", path(p), json: #"{"name": "taken"}"#)
        #expect(dup.status == 400 && dup.errorCode == "DLI.0006")
        let rename = try service.send("PUT", path(p, other), json: #"{"name": "taken"}"#)
        #expect(rename.status == 400 && rename.errorCode == "DLI.0006")
        #expect(try list(p, "?order=asc").names == ["taken", "other"])
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let p = uniqueProject()
        let one = try service.send("GET", path(p, 1))
        #expect(one.status == 405 && one.header("Allow") == "DELETE, PUT")
        let collection = try service.send("DELETE", path(p))
        #expect(collection.status == 405 && collection.header("Allow") == "GET, POST")
    }

    // MARK: - Projects and the cap

    @Test func anotherProjectCannotSeeChangeDeleteOrCountATemplate() throws {
        let a = uniqueProject("a")
        let b = uniqueProject("b")
        let id = try createTemplate(a, "shared_name", sql: "SELECT 'a'")
        #expect(try list(b) == (0, []))
        #expect(try list(b, "?name=shared").total == 0)
        let update = try service.send("PUT", path(b, id), json: #"{"sql_body": "SELECT 'b'"}"#)
        let unknown = try service.send("PUT", path(b, 9_223_372_036_854_775_806), json: #"{"sql_body": "SELECT 'b'"}"#)
        #expect(update.status == 400 && update.errorCode == "DLI.0002")
        #expect(update.body == unknown.body)  // no hint that the id exists elsewhere
        let delete = try service.send("DELETE", path(b, id))
        #expect(delete.status == 400 && delete.errorCode == "DLI.0002")
        let job = try service.send("POST", "/v1.0/\(b)/streaming/sql-jobs", json: #"{"name": "j", "template_id": \#(id)}"#)
        #expect(job.status == 400 && job.errorCode == "DLI.0001")
        // Names are per project.
        _ = try createTemplate(b, "shared_name")
        let seen = try service.send("GET", path(a)).json()["template_list"]?["templates"]?.arrayValue?.first
        #expect(seen?["sql_body"] == .string("SELECT 'a'") && seen?["template_id"]?.int64Value == id)
    }

    @Test func aProjectHasAtMostOneHundredTemplates() throws {
        let p = uniqueProject()
        let other = uniqueProject("o")
        var ids: [Int64] = []
        for i in 0..<100 { ids.append(try createTemplate(p, "t\(i)")) }
        let over = try service.send("POST", path(p), json: #"{"name": "t100"}"#)
        #expect(over.status == 400 && over.errorCode == "DLI.1028", "\(over.bodyString)")
        #expect(try list(p).total == 100)
        _ = try createTemplate(other, "elsewhere")  // the cap is per project
        #expect(try service.send("DELETE", path(p, ids[0])).status == 200)  // deleted ones do not count
        _ = try createTemplate(p, "t100")
        #expect(try service.send("POST", path(p), json: #"{"name": "t101"}"#).errorCode == "DLI.1028")
    }

    @Test func concurrentCreatesCannotExceedTheCap() throws {
        let p = uniqueProject()
        for i in 0..<95 { _ = try createTemplate(p, "t\(i)") }
        let endpoint = service.endpoint
        let statuses = ConcurrentResults()
        let group = DispatchGroup()
        for i in 0..<20 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let r = try? endpoint.client().send(
                    method: "POST", target: "/v1.0/\(p)/streaming/job-templates",
                    headers: [("Content-Type", "application/json")], body: Array(#"{"name": "c\#(i)"}"#.utf8))
                statuses.append(r?.status ?? -1)
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(statuses.values.filter { $0 == 200 }.count == 5)
        #expect(statuses.values.filter { $0 == 400 }.count == 15)
        let live = try TestDatabase.query(
            "SELECT count(*) FROM job_templates WHERE project_id = $1 AND deleted_at IS NULL", [p])
        #expect(live == [["100"]])
    }

    // MARK: - SQL jobs created from a template

    @Test func templateIDFillsSQLBodyWhenSQLBodyIsAbsent() throws {
        let p = uniqueProject()
        let id = try createTemplate(p, "src", sql: "INSERT INTO sink SELECT * FROM source")
        func sqlOfJob(_ json: String) throws -> JSONValue? {
            let r = try service.send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: json)
            guard r.status == 200, let jobID = try r.json()["job"]?["job_id"]?.int64Value else {
                throw TestFailure("create job failed: \(r.status) \(r.bodyString)")
            }
            return try service.send("GET", "/v1.0/\(p)/streaming/jobs/\(jobID)").json()["job_detail"]?["sql_body"]
        }
        #expect(try sqlOfJob(#"{"name": "filled", "template_id": \#(id)}"#) == .string("INSERT INTO sink SELECT * FROM source"))
        #expect(try sqlOfJob(#"{"name": "null_sql", "template_id": \#(id), "sql_body": null}"#) == .string("INSERT INTO sink SELECT * FROM source"))
        #expect(try sqlOfJob(#"{"name": "own", "template_id": \#(id), "sql_body": "SELECT 2"}"#) == .string("SELECT 2"))
        #expect(try sqlOfJob(#"{"name": "own_unknown", "template_id": 9223372036854775807, "sql_body": "SELECT 3"}"#) == .string("SELECT 3"))
    }

    @Test func unknownOrDeletedTemplateIDIsDLI0001NamingTemplateID() throws {
        let p = uniqueProject()
        let id = try createTemplate(p, "gone")
        #expect(try service.send("DELETE", path(p, id)).status == 200)
        for (name, templateID) in [("a", "9223372036854775807"), ("b", String(id))] {
            let r = try service.send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "\#(name)", "template_id": \#(templateID)}"#)
            #expect(r.status == 400 && r.errorCode == "DLI.0001", "\(r.bodyString)")
            #expect(try r.json()["error_msg"]?.stringValue?.contains("'template_id'") == true)
        }
        let jobs = try TestDatabase.query("SELECT count(*) FROM jobs WHERE project_id = $1", [p])
        #expect(jobs == [["0"]])
    }
}
