import HTTPServer
import Synchronization

@testable import Auth

// Blocking bridges for these tests only: `InMemoryCredentialStore` completes every lookup before it
// returns, so the outcome is there when the call returns (and the bridge fails loudly if it is not).

extension Authenticator {
    /// The outcome of `authenticate(_:projectID:completion:)` over a store that answers at once.
    func authenticate(_ request: HTTPRequest, projectID: String) throws(AuthFailure) -> Principal {
        let outcome = Mutex<Result<Principal, AuthFailure>?>(nil)
        authenticate(request, projectID: projectID) { result in outcome.withLock { $0 = result } }
        guard let result = outcome.withLock({ $0 }) else { preconditionFailure("the store did not answer at once") }
        return try result.get()
    }
}

extension AuditScope {
    /// The outcome of `forFailedAuthentication(on:in:completion:)` over a store that answers at once.
    static func forFailedAuthentication(on projectID: String, in store: InMemoryCredentialStore) -> String {
        let scope = Mutex<String?>(nil)
        forFailedAuthentication(on: projectID, in: store) { value in scope.withLock { $0 = value } }
        guard let value = scope.withLock({ $0 }) else { preconditionFailure("the store did not answer at once") }
        return value
    }
}
