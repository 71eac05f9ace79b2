import Auth
import DLIAPI
import HTTPServer
import JSONCodec
import JobDomain
import Logging
import Synchronization
import Testing

/// A query naming a parameter twice is refused before anything else looks at it: the signature covers
/// the sorted query, so `?name=x&name=y` and `?name=y&name=x` sign alike and no occurrence may be picked.
@Suite("Repeated query parameters")
struct RepeatedQueryParameterTests {
    /// A responder with authentication on, whose credential store and audit sink count their calls.
    private func responder(_ store: CountingCredentialStore, _ audit: CountingAuditSink) -> DLIResponder {
        var responder = DLIResponder(
            service: .init(repository: NoJobs()), logger: .init(label: "t") { _ in SwiftLogNoOpLogHandler() })
        responder.access = RequestAccess(
            authenticator: Authenticator(store: store, keyring: Keyring(current: MasterKey.generate())), audit: audit)
        return responder
    }

    @Test(
        "a repeated name is 400 DLI.0001 naming it, on any route, without credentials",
        arguments: [
            ("GET", "/v1.0/p1/streaming/jobs?name=x&name=y", "name"),
            ("GET", "/v1.0/p1/streaming/jobs?name=y&limit=5&name=x", "name"),
            ("GET", "/v1.0/p1/streaming/jobs/7?unknown=1&unknown=1", "unknown"),
            ("POST", "/v1.0/p1/streaming/jobs/run?na%6De=x&name=y", "name"),
            ("DELETE", "/v1.0/p1/streaming/jobs/7?a+b=1&a%20b=2", "a b"),
        ])
    func refused(method: String, target: String, parameter: String) throws {
        let store = CountingCredentialStore()
        let audit = CountingAuditSink()
        let answer = responder(store, audit).answer(HTTPRequest(method: method, target: target))
        guard case .now(let response) = answer else {
            Issue.record("\(method) \(target) was not answered at once")
            return
        }
        #expect(response.status == 400)
        let body = try JSONParser.parse(response.body, maxDepth: 4)
        #expect(body["error_code"]?.stringValue == "DLI.0001")
        #expect(body["error_msg"]?.stringValue == "Invalid parameter '\(parameter)': is given more than once.")
        #expect(store.lookups.load(ordering: .relaxed) == 0, "the credential store was consulted")
        #expect(audit.events.load(ordering: .relaxed) == 0, "an anonymous refusal was audited")
    }

    @Test("distinct names, even differing only in case, reach authentication (401 without credentials)")
    func distinctNamesPass() {
        let store = CountingCredentialStore()
        let answer = responder(store, CountingAuditSink()).answer(
            HTTPRequest(method: "GET", target: "/v1.0/p1/streaming/jobs?name=x&Name=y&limit=5"))
        #expect(answer.response().status == 401)
    }
}

/// A credential store that knows nobody and counts how often it is asked.
private final class CountingCredentialStore: CredentialStore {
    let lookups = Atomic<Int>(0)

    func accessKey(_ accessKey: String, project: String, completion: @escaping CredentialLookup<StoredAccessKey?>) {
        lookups.add(1, ordering: .relaxed)
        completion(.success(nil))
    }

    func token(sha256 hash: [UInt8], project: String, completion: @escaping CredentialLookup<StoredToken?>) {
        lookups.add(1, ordering: .relaxed)
        completion(.success(nil))
    }

    func hasCredentials(project: String, completion: @escaping CredentialLookup<Bool>) {
        lookups.add(1, ordering: .relaxed)
        completion(.success(false))
    }
}

/// An audit sink that only counts events.
private final class CountingAuditSink: AuditSink {
    let events = Atomic<Int>(0)

    func record(_ event: AuditEvent) {
        events.add(1, ordering: .relaxed)
    }
}
