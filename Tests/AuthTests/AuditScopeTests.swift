import Testing

@testable import Auth

@Suite struct AuditScopeTests {
    @Test func theOperatorScopeCanNeverBeAProjectID() {
        let scope = AuditScope.operatorScope
        #expect(!scope.isEmpty && scope.count <= 64)
        #expect(scope.unicodeScalars.contains { !($0.properties.isASCIIHexDigit || ("a"..."z").contains($0)
            || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") })
    }

    @Test func aFailureGoesToTheProjectOnlyWhenItHasCredentials() {
        let store = InMemoryCredentialStore()
        store.addToken("t", project: "b", id: "cred-b")
        #expect(AuditScope.forFailedAuthentication(on: "b", in: store) == "b")
        #expect(AuditScope.forFailedAuthentication(on: "nobody", in: store) == AuditScope.operatorScope)
        store.setDown(true)
        #expect(AuditScope.forFailedAuthentication(on: "b", in: store) == AuditScope.operatorScope, "unknown: not the project's")
    }
}
