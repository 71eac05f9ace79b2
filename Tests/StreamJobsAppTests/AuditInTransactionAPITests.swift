import JSONCodec
import Testing
import TestSupport

/// Issue 13: a change and its audit event commit in one transaction, over real HTTP and PostgreSQL. Each
/// successful create, update and delete leaves exactly one audit event, written by the very transaction
/// that wrote the change (same `xmin` as the change's journal or template row); when the event cannot be
/// written the change is not made either, and the client hears a 5xx.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct AuditInTransactionAPITests {
    let service: LiveService
    init() throws { service = try LiveService(databaseURL: try TestDatabase.migrated()) }

    /// Sends with `X-Request-Id: id`; checks the id came back.
    func send(_ method: String, _ target: String, json: String? = nil, id: String) throws -> HTTPTestResponse {
        let r = try service.send(method, target, json: json, headers: [("X-Request-Id", id)])
        #expect(r.header("X-Request-Id") == id)
        return r
    }

    /// The audit events of request `id`: `[xmin, status, targets]` each.
    func events(_ project: String, _ id: String) throws -> [[String?]] {
        try TestDatabase.query(
            "SELECT xmin::text, status::text, array_to_string(targets, ',') FROM audit_events WHERE project_id = $1 AND request_id = $2",
            [project, id])
    }

    /// The transaction ids that wrote request `id`'s journal entries.
    func journalTransactions(_ project: String, _ id: String) throws -> [String?] {
        try TestDatabase.query("SELECT xmin::text FROM job_journal WHERE project_id = $1 AND request_id = $2", [project, id])
            .map { $0[0] }
    }

    @Test func eachJobChangeCommitsWithExactlyOneAuditEvent() throws {
        let p = uniqueProject("atx")
        let create = try send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "a", "sql_body": "SELECT 1"}"#, id: "\(p)-create")
        #expect(create.status == 200)
        let job = try #require(try create.json()["job"]?["job_id"]?.int64Value)
        let update = try send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(job)", json: #"{"name": "b"}"#, id: "\(p)-update")
        #expect(update.status == 200)
        let delete = try send("DELETE", "/v1.0/\(p)/streaming/jobs/\(job)", id: "\(p)-delete")
        #expect(delete.status == 200)
        for step in ["create", "update", "delete"] {
            let id = "\(p)-\(step)"
            let audit = try events(p, id)
            #expect(audit.count == 1, "\(step): exactly one audit event, got \(audit)")
            #expect(audit.first?[1] == "200" && audit.first?[2] == "job_id=\(job)", "\(step): \(audit)")
            let journal = try journalTransactions(p, id)
            #expect(journal.count == 1 && journal.first == audit.first?[0], "\(step): the change and its event in one transaction")
        }
    }

    @Test func eachTemplateChangeCommitsWithExactlyOneAuditEvent() throws {
        let p = uniqueProject("atx")
        let base = "/v1.0/\(p)/streaming/job-templates"
        let create = try send("POST", base, json: #"{"name": "t", "sql_body": "SELECT 1"}"#, id: "\(p)-create")
        let template = try #require(try create.json()["template"]?["template_id"]?.int64Value)
        let row = "SELECT xmin::text FROM job_templates WHERE project_id = $1 AND template_id = $2"
        let steps: [(String, () throws -> HTTPTestResponse)] = [
            ("create", { create }),
            ("update", { try self.send("PUT", "\(base)/\(template)", json: #"{"name": "u"}"#, id: "\(p)-update") }),
            ("delete", { try self.send("DELETE", "\(base)/\(template)", id: "\(p)-delete") }),
        ]
        for (step, run) in steps {
            #expect(try run().status == 200, "\(step)")
            let audit = try events(p, "\(p)-\(step)")
            let written = try TestDatabase.query(row, [p, String(template)]).first?[0]
            #expect(audit.count == 1 && audit.first?[2] == "template_id=\(template)", "\(step): \(audit)")
            #expect(audit.first?[0] == written, "\(step): the template row and its event in one transaction")
        }
    }

    @Test func requestsThatChangeNothingAreRecordedSeparatelyOnce() throws {
        let p = uniqueProject("atx")
        let job = try service.createJob(project: p, name: "a")
        #expect(try send("DELETE", "/v1.0/\(p)/streaming/jobs/\(job)", id: "\(p)-first").status == 200)
        #expect(try send("DELETE", "/v1.0/\(p)/streaming/jobs/\(job)", id: "\(p)-again").status == 200)
        let again = try events(p, "\(p)-again")
        #expect(again.count == 1 && again.first?[1] == "200" && again.first?[2] == "job_id=\(job)")
        #expect(try journalTransactions(p, "\(p)-again").isEmpty, "nothing changed")
        _ = try service.createJob(project: p, name: "b")
        let refused = try send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "b", "sql_body": "SELECT 1"}"#, id: "\(p)-dup")
        #expect(refused.status == 400)
        #expect(try events(p, "\(p)-dup").map { $0[1] } == ["400"])
    }

    /// The event cannot be stored (a trigger refuses it): the change does not happen either, on the
    /// pipelined path (DELETE) and on the blocking one (PUT), and the client hears a 5xx.
    @Test func whenTheAuditEventCannotBeWrittenTheChangeIsNotMade() throws {
        let p = uniqueProject("atx")
        let job = try service.createJob(project: p, name: "keep")
        // p is [a-z0-9] only (uniqueProject), so it can stand in identifiers and literals here.
        _ = try TestDatabase.query(
            """
            CREATE FUNCTION refuse_audit_\(p)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.project_id = '\(p)' AND (NEW.action LIKE 'DELETE %' OR NEW.action LIKE 'PUT %') THEN
                    RAISE EXCEPTION 'audit refused by the test';
                END IF;
                RETURN NEW;
            END $$
            """, [])
        _ = try TestDatabase.query(
            "CREATE TRIGGER refuse_audit_\(p) BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit_\(p)()", [])
        var dropped = false
        func drop() throws {
            guard !dropped else { return }
            dropped = true
            _ = try TestDatabase.query("DROP TRIGGER refuse_audit_\(p) ON audit_events", [])
            _ = try TestDatabase.query("DROP FUNCTION refuse_audit_\(p)()", [])
        }
        defer { try? drop() }

        let delete = try send("DELETE", "/v1.0/\(p)/streaming/jobs/\(job)", id: "\(p)-delete")
        #expect(delete.status >= 500, "no change without its audit event: \(delete.status) \(delete.bodyString)")
        let update = try send("PUT", "/v1.0/\(p)/streaming/sql-jobs/\(job)", json: #"{"name": "renamed"}"#, id: "\(p)-update")
        #expect(update.status >= 500, "\(update.status) \(update.bodyString)")
        let row = try TestDatabase.query(
            "SELECT deleted_at IS NULL, name, version::text FROM jobs WHERE project_id = $1 AND job_id = $2", [p, String(job)])
        #expect(row == [["t", "keep", "1"]], "the job is live and unchanged")
        #expect(try TestDatabase.query("SELECT event FROM job_journal WHERE project_id = $1", [p]) == [["create"]])
        #expect(try events(p, "\(p)-delete").isEmpty && events(p, "\(p)-update").isEmpty)

        try drop()
        #expect(try send("DELETE", "/v1.0/\(p)/streaming/jobs/\(job)", id: "\(p)-retry").status == 200)
        #expect(try events(p, "\(p)-retry").count == 1)
    }
}
