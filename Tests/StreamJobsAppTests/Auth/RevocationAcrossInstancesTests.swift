import Foundation
import Testing
import TestSupport

/// A revocation takes effect on the very next request on every instance: nothing caches whether a
/// credential is valid (each request reads it), so there is no window to measure beyond the commit.
@Suite(.enabled(if: TestDatabase.isConfigured)) struct RevocationAcrossInstancesTests {
    @Test func theNextRequestOnEitherInstanceIsRefusedOnceTheRevocationCommits() throws {
        let live = try AuthenticatedService()
        let second = try live.secondInstance()
        let project = uniqueProject()
        let token = try live.token(project: project)
        let key = try live.accessKey(project: project)
        let target = "/v1.0/\(project)/streaming/jobs"
        // Both instances accept both credentials, many times (a cache would be warm now).
        for _ in 0..<20 {
            #expect(try live.service.send("GET", target, headers: [("X-Auth-Token", token.token)]).status == 200)
            #expect(try second.send("GET", target, headers: [("X-Auth-Token", token.token)]).status == 200)
            #expect(try live.signed("GET", target, key: key).status == 200)
        }
        let revokedAt = Date()
        #expect(try live.store.revoke(token.credentialID, revokedBy: "test") != nil)
        #expect(try live.store.revoke(key.credentialID, revokedBy: "test") != nil)
        let first = try live.service.send("GET", target, headers: [("X-Auth-Token", token.token)])
        let other = try second.send("GET", target, headers: [("X-Auth-Token", token.token)])
        let signed = try live.signed("GET", target, key: key)
        print("revocation → refused on both instances after \(String(format: "%.1f", Date().timeIntervalSince(revokedAt) * 1000)) ms (the next request)")
        #expect(first.status == 401 && first.errorCode == "DLI.0013", "\(first.bodyString)")
        #expect(other.status == 401 && other.errorCode == "DLI.0013", "\(other.bodyString)")
        #expect(signed.status == 401 && signed.errorCode == "DLI.0013", "\(signed.bodyString)")
    }
}
