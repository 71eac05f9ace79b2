import Auth
import JSONCodec
import Testing
import TestSupport

/// Authentication end to end: real HTTP, real PostgreSQL, credentials as `streamjobs credentials create` makes them.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct AuthAPITests {
    let live: AuthenticatedService
    init() throws { live = try AuthenticatedService() }

    @Test func akskSignedRequestsSucceedAndActAsTheCredential() throws {
        let p = uniqueProject("auth")
        let key = try live.accessKey(project: p)
        let create = try live.signed("POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "a", "sql_body": "SELECT 1"}"#, key: key)
        #expect(create.status == 200, "\(create.bodyString)")
        let id = try #require(try create.json()["job"]?["job_id"]?.int64Value)
        #expect(try live.signed("GET", "/v1.0/\(p)/streaming/jobs/\(id)", key: key).status == 200)
        #expect(try live.signed("GET", "/v1.0/\(p)/streaming/jobs?limit=10&offset=0&name=a%20b", key: key).status == 200)
        #expect(try live.signed("DELETE", "/v1.0/\(p)/streaming/jobs/\(id)", key: key).status == 200)
        let actors = try TestDatabase.query(
            "SELECT DISTINCT actor FROM job_journal WHERE project_id = $1", [p], database: live.database)
        #expect(actors.map { $0[0] } == [key.credentialID])
    }

    @Test func everyBadCredentialIs401WithTheSameAnswer() throws {
        let p = uniqueProject("auth")
        let key = try live.accessKey(project: p)
        let body = #"{"name": "a", "sql_body": "SELECT 1"}"#
        let now = Authenticator.wallClockSeconds()
        let answers = [
            try live.service.send("GET", "/v1.0/\(p)/streaming/jobs"),
            try live.signed("POST", "/v1.0/\(p)/streaming/sql-jobs", json: body, key: key, tamper: #"{"name": "b", "sql_body": "SELECT 1"}"#),
            try live.signed("GET", "/v1.0/\(p)/streaming/jobs", key: key, date: now - 16 * 60),
            try live.signed("GET", "/v1.0/\(p)/streaming/jobs", key: key, date: now + 16 * 60),
            try live.service.send("GET", "/v1.0/\(p)/streaming/jobs", headers: [("X-Auth-Token", "sjt_unknown")]),
            try live.service.send("GET", "/v1.0/\(p)/streaming/jobs", headers: [("Authorization", "Basic dXNlcjpwdw==")]),
        ]
        for r in answers {
            #expect(r.status == 401)
            #expect(r.errorCode == "DLI.0013")
            #expect(r.bodyString == answers[0].bodyString)
        }
        #expect(try live.signed("GET", "/v1.0/\(p)/streaming/jobs", key: key, date: now - 14 * 60).status == 200)
    }

    @Test func anotherProjectsPathIs403WithoutHintingWhetherTheTargetExists() throws {
        let mine = uniqueProject("auth")
        let theirs = uniqueProject("auth")
        let theirKey = try live.accessKey(project: theirs)
        let create = try live.signed("POST", "/v1.0/\(theirs)/streaming/sql-jobs", json: #"{"name": "a"}"#, key: theirKey)
        let existing = try #require(try create.json()["job"]?["job_id"]?.int64Value)
        let key = try live.accessKey(project: mine)
        let a = try live.signed("GET", "/v1.0/\(theirs)/streaming/jobs/\(existing)", key: key)
        let b = try live.signed("GET", "/v1.0/\(theirs)/streaming/jobs/\(existing + 1000)", key: key)
        let c = try live.signed("DELETE", "/v1.0/\(theirs)/streaming/jobs/\(existing)", key: key)
        for r in [a, b, c] {
            #expect(r.status == 403)
            #expect(r.errorCode == "DLI.0016")
            #expect(r.bodyString == a.bodyString)
        }
        #expect(try live.signed("GET", "/v1.0/\(theirs)/streaming/jobs/\(existing)", key: theirKey).status == 200)
    }

    @Test func onceTheRevokeCommandReturnsTheNextRequestFails() throws {
        let p = uniqueProject("auth")
        let key = try live.accessKey(project: p)
        #expect(try live.signed("GET", "/v1.0/\(p)/streaming/jobs", key: key).status == 200)
        #expect(try live.revokeAsTheCommandDoes(key.accessKey) == key.credentialID)
        let after = try live.signed("GET", "/v1.0/\(p)/streaming/jobs", key: key)
        #expect(after.status == 401 && after.errorCode == "DLI.0013")
    }

    @Test func tokensWorkOnTheirProjectUntilRevokedOrExpired() throws {
        let p = uniqueProject("auth")
        let token = try live.token(project: p)
        let headers = [("X-Auth-Token", token.token)]
        #expect(try live.service.send("POST", "/v1.0/\(p)/streaming/sql-jobs", json: #"{"name": "t"}"#, headers: headers).status == 200)
        #expect(try live.service.send("GET", "/v1.0/\(uniqueProject())/streaming/jobs", headers: headers).status == 403)
        let stored = try TestDatabase.query(
            "SELECT count(*) FROM credentials WHERE token_sha256 = sha256(convert_to($1, 'UTF8'))", [token.token], database: live.database)
        #expect(stored.first?.first == "1", "only the hash is stored")
        _ = try live.revokeAsTheCommandDoes(token.credentialID)
        #expect(try live.service.send("GET", "/v1.0/\(p)/streaming/jobs", headers: headers).status == 401)
        let expired = try live.token(project: p, lifetimeSeconds: 1)
        _ = try TestDatabase.query(
            "UPDATE credentials SET expires_at = now() - interval '1 second' WHERE credential_id = $1", [expired.credentialID],
            database: live.database)
        #expect(try live.service.send("GET", "/v1.0/\(p)/streaming/jobs", headers: [("X-Auth-Token", expired.token)]).status == 401)
    }

    @Test func operationalEndpointsStayOpenAndUnknownRoutesAre404() throws {
        #expect(try live.service.send("GET", "/healthz").status == 200)
        #expect(try live.service.send("GET", "/metrics").status == 200)
        #expect(try live.service.send("GET", "/v1.0/p/nothing-here").status == 404)
    }

    @Test func secretKeysAreStoredEncryptedUnderTheMasterKeyId() throws {
        let p = uniqueProject("auth")
        let key = try live.accessKey(project: p)
        let rows = try TestDatabase.query(
            "SELECT master_key_id, octet_length(secret_key_nonce), position(convert_to($2, 'UTF8') IN secret_key_ciphertext) FROM credentials WHERE access_key = $1",
            [key.accessKey, key.secretKey], database: live.database)
        #expect(rows.first == [live.keyring.current.id, "12", "0"])
        let listed = try live.store.list(project: p)
        #expect(listed.map(\.credentialID) == [key.credentialID])
    }
}
