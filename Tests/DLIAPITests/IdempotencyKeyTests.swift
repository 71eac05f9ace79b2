import HTTPServer
import Testing

@testable import DLIAPI

/// The `Idempotency-Key` header's syntax and the request fingerprint (no database: the live behaviour
/// is in StreamJobsAppTests/Idempotency).
struct IdempotencyKeyTests {
    @Test(arguments: [
        "a", "order-42 retry", String(repeating: "~", count: 255), " !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~",
    ])
    func validKeys(_ key: String) throws {
        #expect(try IdempotencyKey.from(HTTPHeaders([("idempotency-key", key)])) == IdempotencyKey(value: key))
    }

    @Test(arguments: ["", String(repeating: "k", count: 256), "cl\u{e9}", "tab\there", "del\u{7f}", "nul\u{0}"])
    func invalidKeysAre400NamingTheHeader(_ key: String) {
        #expect(throws: APIError.self) { try IdempotencyKey.from(HTTPHeaders([("Idempotency-Key", key)])) }
        do {
            _ = try IdempotencyKey.from(HTTPHeaders([("Idempotency-Key", key)]))
        } catch {
            #expect(error.status == 400 && error.code == "DLI.0001" && error.message.contains("'Idempotency-Key'"))
        }
    }

    @Test func aRepeatedHeaderIsRefusedAndNoHeaderIsNoKey() throws {
        #expect(throws: APIError.self) {
            try IdempotencyKey.from(HTTPHeaders([("Idempotency-Key", "a"), ("idempotency-key", "a")]))
        }
        #expect(try IdempotencyKey.from(HTTPHeaders([("X-Other", "a")])) == nil)
    }

    func fingerprint(
        _ method: String, _ target: String, _ body: String, template: String = "/t/{id}", id: String = "1",
        headers: [(String, String)] = []
    ) -> String {
        RequestFingerprint.of(
            HTTPRequest(method: method, target: target, headers: HTTPHeaders(headers), body: Array(body.utf8)), template: template,
            parameters: ["id": PercentEncodedString(id)])
    }

    @Test func theFingerprintCoversMethodRouteParametersQueryAndBodyBytes() {
        let base = fingerprint("POST", "/t/1?a=1", "{}")
        #expect(base.count == 64)
        #expect(fingerprint("POST", "/t/1?a=1", "{}") == base, "the same request")
        let others = [
            fingerprint("PUT", "/t/1?a=1", "{}"), fingerprint("POST", "/t/1?a=2", "{}"),
            fingerprint("POST", "/t/1?a=1&b=", "{}"), fingerprint("POST", "/t/1", "{}"),
            fingerprint("POST", "/t/1?a=1", "{ }"), fingerprint("POST", "/t/1?a=1", "{}", template: "/u/{id}"),
            fingerprint("POST", "/t/1?a=1", "{}", id: "2"), fingerprint("POST", "/t/1?a=1=", "{}"),
            fingerprint("POST", "/t/1?a=1", "{}", headers: [("If-Match", "\"3\"")]),
        ]
        #expect(fingerprint("POST", "/t/1?a=1", "{}", headers: [("X-Auth-Token", "t")]) == base, "credentials play no part")
        #expect(Set(others + [base]).count == others.count + 1, "each differs from the base and from each other")
    }
}
