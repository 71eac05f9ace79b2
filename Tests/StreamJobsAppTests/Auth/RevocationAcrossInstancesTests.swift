import Foundation
import Testing
import TestSupport

/// Two instances on one database, each caching the credentials it has read (`STREAMJOBS_AUTH_CACHE`,
/// on by default): a revocation reaches both caches through PostgreSQL's NOTIFY, and once the revoke
/// command's wait is over no instance accepts the credential even if it heard nothing.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct RevocationAcrossInstancesTests {
    /// Sends `request` until it answers 401, at most 5 s after `start`.
    /// - Returns: the milliseconds from `start` to the refusal, and how many requests were accepted before.
    static func millisecondsUntilRefused(since start: Date = Date(), _ request: () throws -> HTTPTestResponse) throws
        -> (ms: Double, accepted: Int)?
    {
        var accepted = 0
        while Date().timeIntervalSince(start) < 5 {
            let response = try request()
            if response.status == 401 {
                #expect(response.errorCode == "DLI.0013", "\(response.bodyString)")
                return (Date().timeIntervalSince(start) * 1000, accepted)
            }
            #expect(response.status == 200, "\(response.bodyString)")
            accepted += 1
        }
        return nil
    }

    @Test func aRevocationReachesTheCacheOfEveryInstanceWithinMilliseconds() throws {
        let live = try AuthenticatedService()
        let second = try live.secondInstance()
        let project = uniqueProject()
        let token = try live.token(project: project)
        let key = try live.accessKey(project: project)
        let target = "/v1.0/\(project)/streaming/jobs"
        // Both instances accept both credentials, many times: their caches are warm.
        for _ in 0..<20 {
            #expect(try live.service.send("GET", target, headers: [("X-Auth-Token", token.token)]).status == 200)
            #expect(try second.send("GET", target, headers: [("X-Auth-Token", token.token)]).status == 200)
            #expect(try live.signed("GET", target, key: key).status == 200)
        }
        #expect(try live.store.revoke(token.credentialID, revokedBy: "test") != nil)
        #expect(try live.store.revoke(key.credentialID, revokedBy: "test") != nil)
        let committed = Date()
        let other = try Self.millisecondsUntilRefused(since: committed) {
            try second.send("GET", target, headers: [("X-Auth-Token", token.token)])
        }
        let first = try Self.millisecondsUntilRefused(since: committed) {
            try live.service.send("GET", target, headers: [("X-Auth-Token", token.token)])
        }
        let signed = try Self.millisecondsUntilRefused(since: committed) { try live.signed("GET", target, key: key) }
        let text = { (found: (ms: Double, accepted: Int)?) in
            found.map { String(format: "%.1f ms (%d accepted before)", $0.ms, $0.accepted) } ?? "never"
        }
        print(
            "revocation → first refusal after the commit (instances asked one after the other): second instance "
                + "\(text(other)), first instance \(text(first)), AK/SK \(text(signed))")
        // The bound is the cache's staleAfter (2 s); in practice it is the notification's delivery.
        #expect(first != nil && other != nil && signed != nil)
    }

    @Test func anInstanceThatLostItsFeedReadsEveryCredentialFromTheDatabase() throws {
        // A database of its own: this test disables the trigger.
        let database = try TestDatabase.create(label: "feed")
        defer { TestDatabase.drop(database) }
        try TestDatabase.migrate(database)
        let live = try AuthenticatedService(database: database)
        let project = uniqueProject()
        let token = try live.token(project: project)
        let target = "/v1.0/\(project)/streaming/jobs"
        for _ in 0..<5 {
            #expect(try live.service.send("GET", target, headers: [("X-Auth-Token", token.token)]).status == 200)
        }
        // Disable the trigger, so the revocation below is never announced, and cut the feed's session: the
        // instance must stop answering from memory.
        _ = try TestDatabase.query("ALTER TABLE credentials DISABLE TRIGGER credentials_changed", [], database: live.database)
        _ = try TestDatabase.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name LIKE '% listen streamjobs_credentials'",
            [], database: live.database)
        #expect(try live.store.revoke(token.credentialID, revokedBy: "test") != nil)
        let refused = try Self.millisecondsUntilRefused {
            try live.service.send("GET", target, headers: [("X-Auth-Token", token.token)])
        }
        print("revocation with the feed cut → refused after \(refused.map { String(format: "%.1f ms, %d accepted before", $0.ms, $0.accepted) } ?? "never")")
        #expect(refused != nil)
    }

    @Test func withTheCacheOffTheNextRequestOnEitherInstanceIsRefused() throws {
        let live = try AuthenticatedService(extra: ["STREAMJOBS_AUTH_CACHE": "off"])
        let second = try LiveService(
            databaseURL: live.database,
            extra: ["STREAMJOBS_AUTH": "on", "STREAMJOBS_MASTER_KEY": live.keyring.current.base64, "STREAMJOBS_AUTH_CACHE": "off"])
        let project = uniqueProject()
        let token = try live.token(project: project)
        let target = "/v1.0/\(project)/streaming/jobs"
        for _ in 0..<5 {
            #expect(try live.service.send("GET", target, headers: [("X-Auth-Token", token.token)]).status == 200)
            #expect(try second.send("GET", target, headers: [("X-Auth-Token", token.token)]).status == 200)
        }
        #expect(try live.store.revoke(token.credentialID, revokedBy: "test") != nil)
        #expect(try live.service.send("GET", target, headers: [("X-Auth-Token", token.token)]).status == 401)
        #expect(try second.send("GET", target, headers: [("X-Auth-Token", token.token)]).status == 401)
    }
}
