import JobDomain
import PostgresClient
import Testing
import TestSupport

/// Issue 13 (migrations/0007): the runtime role `streamjobs_app` may append to the audit trail and read
/// it, and only read credentials. Forging an event's actor, erasing events, minting a credential or undoing
/// a revocation are refused by PostgreSQL itself (42501), even on the project's own rows.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct AuditGrantsTests {
    let appPool: PGPool

    init() throws {
        appPool = PGPool(conninfo: try TestDatabase.migratedAsApp(), size: 1)
    }

    /// Runs `sql` ($1 = project) as the runtime role, scoped to `project`; the SQLSTATE it failed with, or nil.
    func attempt(_ sql: String, project: String) throws -> SQLState? {
        try appPool.withConnection { connection in
            do {
                _ = try connection.pipelined(
                    PGBatch(PGStatement(name: "", sql: sql), [project]),
                    localSettings: [PGLocalSetting(name: "app.project_id", value: project)])
                return nil
            } catch let error as PGError where error.kind == .query {
                return error.sqlState
            }
        }
    }

    @Test func theRuntimeRoleAppendsAndReadsAuditEventsAndOnlyReadsCredentials() throws {
        let p = StoreFixture.uniqueProject("grants").rawValue
        _ = try TestDatabase.query(
            """
            INSERT INTO credentials (project_id, credential_id, kind, token_sha256, expires_at, created_by, revoked_at, revoked_by)
            VALUES ($1, 'cred-' || substr(md5($1), 1, 20), 'token', sha256($1::bytea), now() + interval '1 day', 't', now(), 'admin')
            """, [p])
        let allowed = [
            "INSERT INTO audit_events (project_id, actor, action, status, request_id, client_address) VALUES ($1, 'a', 'b', 200, 'r', 'c')",
            "SELECT count(*) FROM audit_events WHERE project_id = $1",
            "SELECT count(*) FROM credentials WHERE project_id = $1",
        ]
        for sql in allowed { #expect(try attempt(sql, project: p) == nil, "\(sql)") }
        let refused = [
            "UPDATE audit_events SET actor = 'forged' WHERE project_id = $1",
            "DELETE FROM audit_events WHERE project_id = $1",
            "UPDATE credentials SET revoked_at = NULL, revoked_by = NULL WHERE project_id = $1",
            """
            INSERT INTO credentials (project_id, credential_id, kind, token_sha256, expires_at, created_by)
            VALUES ($1, 'cred-00000000000000000000', 'token', sha256('x'::bytea), now() + interval '1 day', 'app')
            """,
            "DELETE FROM credentials WHERE project_id = $1",
        ]
        for sql in refused { #expect(try attempt(sql, project: p) == .insufficientPrivilege, "\(sql)") }
        let state = try TestDatabase.query(
            "SELECT (SELECT count(*) FROM audit_events WHERE project_id = $1 AND actor = 'a'), "
                + "(SELECT count(*) FROM credentials WHERE project_id = $1 AND revoked_at IS NOT NULL)", [p])
        #expect(state == [["1", "1"]], "the event unforged, the revocation standing")
    }
}
