import JobDomain
import Logging
import PostgresClient
import Testing
import TestSupport

@testable import JobStorePostgres

/// Issue 5, isolation in depth, at the database: as the runtime role `streamjobs_app`, every tenant
/// table shows no row without the project setting and only that project's rows with it, and a
/// statement that forgets `WHERE project_id` is still confined by the project-scoped store path.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct RowSecurityTests {
    static let tenantTables = [
        "jobs", "job_journal", "engine_work", "engine_jobs", "job_status_counts", "job_templates", "credentials",
        "audit_events", "job_alarms", "idempotency_keys", "project_settings",
    ]
    let appPool: PGPool
    let ownerURL: String
    let context = RequestContext(requestID: "req-rls", actor: "tester")

    init() throws {
        ownerURL = try TestDatabase.migrated()
        appPool = PGPool(conninfo: try TestDatabase.appURL(for: ownerURL), size: 2)
    }

    /// Puts rows for `project` in every tenant table: through the stores (as the runtime role) where
    /// they write, as the owner for the tables written by other components.
    func seed(_ project: ProjectID) throws {
        let jobs = PostgresJobRepository(pool: appPool, logger: Logger(label: "test"))
        let service = JobService(repository: jobs)
        var job = NewJob(name: "rls", jobType: .flinkOpenSourceSQL)
        job.sqlBody = "SELECT 1"
        let created = try Completion.wait { jobs.insert(job, project: project, context: context, completion: $0) }
        _ = try Completion.wait {  // engine work
            service.apply(.run(resumeSavepoint: false), to: created.id, in: project, context: context, completion: $0)
        }
        let templates = PostgresTemplateRepository(pool: appPool, logger: Logger(label: "test"))
        _ = try Completion.wait {
            templates.insert(NewTemplate(name: "rls"), project: project, maxPerProject: 100, context: context, completion: $0)
        }
        try PostgresEngineWorkQueue(pool: appPool, logger: Logger(label: "test")).setEngineJob(
            EngineJobID(String(repeating: "a", count: 32))!, project: project, job: created.id, checkpointDir: nil,
            restoredFrom: nil)
        let p = project.rawValue
        _ = try TestDatabase.query(
            """
            INSERT INTO credentials (project_id, credential_id, kind, token_sha256, expires_at, created_by)
            VALUES ($1, 'cred-' || substr(md5($1), 1, 20), 'token', sha256($1::bytea), now() + interval '1 day', 't')
            """, [p])
        _ = try TestDatabase.query(
            """
            INSERT INTO job_alarms (project_id, job_id, job_version, topic, status)
            SELECT project_id, job_id, version, 'topic', 'job_submit_fail' FROM jobs WHERE project_id = $1
            """, [p])
        _ = try Completion.wait {  // the project's settings, through the store
            PostgresJobRepository(pool: appPool, logger: Logger(label: "test")).saveSettings(
                ProjectSettings(deletedJobRetentionDays: 30), project: project, context: context, completion: $0)
        }
        _ = try Completion.wait {  // an idempotency key, through the store
            PostgresIdempotencyStore(pool: appPool, logger: Logger(label: "test")).reserve(
                IdempotencyReservation(key: "k", fingerprint: String(repeating: "0", count: 64), token: "t"),
                project: project, completion: $0)
        }
        _ = try TestDatabase.query(
            "INSERT INTO audit_events (project_id, actor, action, status, request_id, client_address) VALUES ($1, 'a', 'b', 200, 'r', 'c')",
            [p])
    }

    /// `(rows, rows of other projects)` of each tenant table, as the runtime role, with `setting`.
    func visible(_ setting: String?) throws -> [String: [Int64]] {
        try appPool.withConnection { connection in
            var seen: [String: [Int64]] = [:]
            for table in Self.tenantTables {
                // Table names come from the constant list above.
                let statement = PGStatement(
                    name: "", sql: "SELECT count(*), count(*) FILTER (WHERE project_id IS DISTINCT FROM $1) FROM \(table)")
                let settings = setting.map { [PGLocalSetting(name: "app.project_id", value: $0)] } ?? []
                let result = try connection.pipelined(PGBatch(statement, [setting ?? ""]), localSettings: settings)[0]
                seen[table] = [result.int64(0, 0) ?? -1, result.int64(0, 1) ?? -1]
            }
            return seen
        }
    }

    @Test func withoutTheSettingNoRowIsVisibleAndWithItOnlyTheProjectsRows() throws {
        let a = StoreFixture.uniqueProject("rls-a"), b = StoreFixture.uniqueProject("rls-b")
        try seed(a)
        try seed(b)
        for (table, counts) in try visible(nil) {
            #expect(counts[0] == 0, "\(table): rows visible without app.project_id")
        }
        for (table, counts) in try visible(a.rawValue) {
            #expect(counts[0] >= 1 && counts[1] == 0, "\(table): \(counts) with project A's setting")
        }
        for (table, counts) in try visible("") {
            #expect(counts[0] == 0, "\(table): rows visible with an empty setting")
        }
    }

    @Test func everyTableWithAProjectColumnHasRowSecurity() throws {
        let unprotected = try TestDatabase.query(
            """
            SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'project_id'
            WHERE c.relkind IN ('r', 'p') AND c.relnamespace = to_regnamespace(current_schema())
              AND NOT (c.relrowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
            """, [])
        #expect(unprotected.isEmpty, "tenant tables without a policy: \(unprotected)")
        let covered = try TestDatabase.query(
            "SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = to_regnamespace(current_schema())", [])
        #expect(Set(covered.compactMap { $0[0] }) == Set(Self.tenantTables))
    }

    @Test func aStatementWithoutAProjectFilterIsConfinedByTheScopedPath() throws {
        let a = StoreFixture.uniqueProject("rls-a"), b = StoreFixture.uniqueProject("rls-b")
        try seed(a)
        try seed(b)
        let access = StoreAccess(pool: appPool, logger: Logger(label: "test"), store: "test")
        let forgetful = PGStatement(name: "test.count_all_jobs", sql: "SELECT count(*), count(DISTINCT project_id) FROM jobs")
        let (jobs, projects) = try access.run("raw", project: a, forgetful, []) { r in (r.int64(0, 0), r.int64(0, 1)) }
        #expect(jobs == 1 && projects == 1)
        let updateAll = PGStatement(name: "test.touch_all_jobs", sql: "UPDATE jobs SET description = 'touched'")
        #expect(try access.run("raw", project: a, updateAll, []) { $0.affectedRows } == 1)
        let touched = try TestDatabase.query("SELECT description FROM jobs WHERE project_id = $1", [b.rawValue])
        #expect(touched == [[""]], "B's job untouched")
        // Writing another project's row is refused (WITH CHECK), an internal error, not a silent success.
        let foreign = PGStatement(
            name: "test.insert_foreign", sql: "INSERT INTO jobs (project_id, name, job_type) VALUES ($1, 'x', 'flink_sql_job')")
        #expect(throws: JobError.internalError) { try access.run("raw", project: a, foreign, [b.rawValue]) { _ in } }
        // The unscoped path (system paths only) sees nothing of the tenant tables.
        #expect(try access.run("raw") { try $0.execute(forgetful).int64(0, 0) } == 0)
    }

    @Test func aTransitionAddressedToAnotherProjectsJobChangesNothing() throws {
        let a = StoreFixture.uniqueProject("rls-a"), b = StoreFixture.uniqueProject("rls-b")
        let jobs = PostgresJobRepository(pool: appPool, logger: Logger(label: "test"))
        var job = NewJob(name: "victim", jobType: .flinkOpenSourceSQL)
        job.sqlBody = "SELECT 1"
        let victim = try Completion.wait { jobs.insert(job, project: b, context: context, completion: $0) }
        #expect(try Completion.wait { jobs.find(victim.id, project: a, completion: $0) } == nil)
        #expect(try Completion.wait { jobs.snapshot(victim.id, project: a, completion: $0) } == nil)
        let delete = Transition(command: .delete, from: .jobInit, to: .jobInit, engineWork: .cancel, softDeletes: true)
        let outcome = try Completion.wait {
            jobs.commit(
                delete, job: victim.id, project: a, expectedVersion: victim.version, changes: .none, context: context,
                completion: $0)
        }
        #expect(outcome == .versionConflict)
        let journal = try TestDatabase.query(
            "SELECT event FROM job_journal WHERE project_id = $1 AND job_id = $2", [b.rawValue, String(victim.id.rawValue)])
        #expect(journal == [["create"]])
        #expect(try Completion.wait { jobs.find(victim.id, project: b, completion: $0) } != nil)
    }
}
