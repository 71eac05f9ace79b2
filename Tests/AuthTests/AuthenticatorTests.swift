import HTTPServer
import Testing

@testable import Auth

/// Requests signed by the official Python SDK (huaweicloudsdkcore 3.1.219 `Signer`, AK
/// `AKEXAMPLE0000000000A`, SK `SKexample`, X-Sdk-Date 20261128T232256Z), replayed byte for byte.
@Suite struct AuthenticatorTests {
    static let ak = "AKEXAMPLE0000000000A"
    static let signedAt: Int64 = 1_795_908_176
    static let keyring = Keyring(current: MasterKey.generate())

    struct Vector {
        let method: String
        let target: String
        let headers: [(String, String)]
        let body: String
    }

    static func auth(_ headers: String, _ signature: String) -> String {
        "SDK-HMAC-SHA256 Access=\(ak), SignedHeaders=\(headers), Signature=\(signature)"
    }

    static let vectors: [Vector] = [
        Vector(
            method: "DELETE", target: "/v1.0/0123456789abcdef0123456789abcdef/streaming/jobs/148",
            headers: [
                ("Content-Type", "application/json"), ("User-Agent", "huaweicloud-usdk-python/3.0"),
                ("X-Project-Id", "0123456789abcdef0123456789abcdef"), ("X-Sdk-Date", "20261128T232256Z"), ("Host", "127.0.0.1:8080"),
                ("Authorization", auth("content-type;host;user-agent;x-project-id;x-sdk-date", "d16640a1a2e991648906b0b77f4c05d4b2cf1f8c180e18845edb51c441bce651")),
                ("Content-Length", "0"),
            ], body: ""),
        Vector(
            method: "GET", target: "/v1.0/p1/streaming/jobs?limit=10&name=a%20b%2Bc%2F%C3%A9&offset=0&show_detail=true",
            headers: [
                ("Content-Type", "application/json"), ("X-Sdk-Date", "20261128T232256Z"), ("Host", "127.0.0.1:8080"),
                ("Authorization", auth("content-type;host;x-sdk-date", "c256c2cc04d5ed244e85fc1b4cabd5796e96fd1ea4d277c365326d41973bc534")),
            ], body: ""),
        Vector(
            method: "POST", target: "/v1.0/p1/streaming/sql-jobs",
            headers: [
                ("Content-Type", "application/json;charset=UTF-8"), ("X-Sdk-Date", "20261128T232256Z"), ("X_Skip", "x"),
                ("Host", "127.0.0.1:8080"),
                ("Authorization", auth("content-type;host;x-sdk-date", "5da806bd532843749f2f81ee545d5f9a13610843b1c23fb075e44137c215f921")),
            ], body: #"{"name": "myjob", "sql_body": "select 1"}"#),
        Vector(
            method: "GET", target: "/v1.0/p1/streaming/jobs/12%203%2Fx",
            headers: [
                ("X-Sdk-Date", "20261128T232256Z"), ("Host", "127.0.0.1:8080"),
                ("Authorization", auth("host;x-sdk-date", "bd6d61d6f611decf3cfbf86f874764a68a7c1d3df407805de17aba44741b7b99")),
            ], body: ""),
    ]

    static func request(_ v: Vector, headers: [(String, String)]? = nil, body: String? = nil, target: String? = nil) -> HTTPRequest {
        HTTPRequest(
            method: v.method, target: target ?? v.target, headers: HTTPHeaders(headers ?? v.headers),
            body: Array((body ?? v.body).utf8), clientAddress: "127.0.0.1")
    }

    static func authenticator(now: Int64 = signedAt, store: InMemoryCredentialStore? = nil) throws -> (Authenticator, InMemoryCredentialStore) {
        let store = try store ?? {
            let s = InMemoryCredentialStore()
            try s.addAccessKey(ak, secret: "SKexample", project: "p1", id: "cred-00000000000000000001", keyring: keyring)
            return s
        }()
        return (Authenticator(store: store, keyring: keyring, now: { now }), store)
    }

    @Test(arguments: 0..<4) func sdkSignedRequestsVerify(index: Int) throws {
        let (authenticator, _) = try Self.authenticator()
        let principal = try authenticator.authenticate(Self.request(Self.vectors[index]), projectID: "p1")
        #expect(principal == Principal(credentialID: "cred-00000000000000000001", projectID: "p1"))
    }

    @Test func aTamperedBodyFails() throws {
        let (authenticator, _) = try Self.authenticator()
        #expect(throws: AuthFailure.badSignature(credentialID: "cred-00000000000000000001")) {
            try authenticator.authenticate(
                Self.request(Self.vectors[2], body: #"{"name": "other", "sql_body": "select 1"}"#), projectID: "p1")
        }
    }

    @Test func aTamperedPathQueryOrSignedHeaderFails() throws {
        let (authenticator, _) = try Self.authenticator()
        let v = Self.vectors[1]
        #expect(throws: AuthFailure.badSignature(credentialID: "cred-00000000000000000001")) {
            try authenticator.authenticate(Self.request(v, target: "/v1.0/p1/streaming/jobs?limit=11&name=a%20b%2Bc%2F%C3%A9&offset=0&show_detail=true"), projectID: "p1")
        }
        var headers = v.headers
        headers[2] = ("Host", "evil.example:8080")
        #expect(throws: AuthFailure.badSignature(credentialID: "cred-00000000000000000001")) {
            try authenticator.authenticate(Self.request(v, headers: headers), projectID: "p1")
        }
    }

    @Test func aDateOutsideFifteenMinutesFailsEitherWay() throws {
        for skew: Int64 in [-901, 901] {
            let (authenticator, _) = try Self.authenticator(now: Self.signedAt + skew)
            #expect(throws: AuthFailure.dateOutOfWindow) { try authenticator.authenticate(Self.request(Self.vectors[0]), projectID: "0123456789abcdef0123456789abcdef") }
        }
        let (within, _) = try Self.authenticator(now: Self.signedAt + 899)
        _ = try within.authenticate(Self.request(Self.vectors[0]), projectID: "p1")
    }

    @Test func anotherProjectIsForbiddenAndARevokedOrUnknownKeyIsUnauthenticated() throws {
        let (authenticator, store) = try Self.authenticator()
        #expect(throws: AuthFailure.wrongProject(Principal(credentialID: "cred-00000000000000000001", projectID: "p1"))) {
            try authenticator.authenticate(Self.request(Self.vectors[1]), projectID: "p2")
        }
        store.revoke(accessKey: Self.ak)
        #expect(throws: AuthFailure.revoked(credentialID: "cred-00000000000000000001")) {
            try authenticator.authenticate(Self.request(Self.vectors[1]), projectID: "p1")
        }
        let (other, _) = try Self.authenticator(store: InMemoryCredentialStore())
        #expect(throws: AuthFailure.unknownCredential) { try other.authenticate(Self.request(Self.vectors[1]), projectID: "p1") }
    }

    @Test func aSecretSealedUnderAnotherMasterKeyDoesNotVerify() throws {
        let store = InMemoryCredentialStore()
        try store.addAccessKey(Self.ak, secret: "SKexample", project: "p1", id: "cred-1", keyring: Keyring(current: MasterKey.generate()))
        let (authenticator, _) = try Self.authenticator(store: store)
        #expect(throws: AuthFailure.unknownCredential) { try authenticator.authenticate(Self.request(Self.vectors[1]), projectID: "p1") }
    }

    @Test func missingMalformedOrUnsignedDateHeadersFail() throws {
        let (authenticator, _) = try Self.authenticator()
        let v = Self.vectors[3]
        #expect(throws: AuthFailure.missingCredentials) { try authenticator.authenticate(Self.request(v, headers: [("Host", "h")]), projectID: "p1") }
        #expect(throws: AuthFailure.malformedAuthorization) {
            try authenticator.authenticate(Self.request(v, headers: [("Authorization", "Basic abc")]), projectID: "p1")
        }
        let unsignedDate = [("X-Sdk-Date", "20261128T232256Z"), ("Host", "127.0.0.1:8080"), ("Authorization", Self.auth("host", String(repeating: "0", count: 64)))]
        #expect(throws: AuthFailure.dateOutOfWindow) { try authenticator.authenticate(Self.request(v, headers: unsignedDate), projectID: "p1") }
        #expect(throws: AuthFailure.malformedAuthorization) {
            try authenticator.authenticate(Self.request(v, headers: v.headers + [("X-Auth-Token", "t")]), projectID: "p1")
        }
    }

    @Test func aDeclaredBodyHashMustMatchTheBodyAndUnsignedPayloadIsRefused() throws {
        let (authenticator, _) = try Self.authenticator()
        let body = #"{"name":"x"}"#
        for declared in ["UNSIGNED-PAYLOAD", Digest.sha256Hex(Array("other".utf8))] {
            let headers = [("Host", "h"), ("X-Sdk-Date", "20261128T232256Z"), ("X-Sdk-Content-Sha256", declared)]
            let signature = SDKSigner.authorization(
                method: "POST", target: "/v1.0/p1/streaming/sql-jobs", headers: headers, body: Array(body.utf8), accessKey: Self.ak,
                secretKey: "SKexample")
            let request = HTTPRequest(
                method: "POST", target: "/v1.0/p1/streaming/sql-jobs", headers: HTTPHeaders(headers + [("Authorization", signature)]),
                body: Array(body.utf8))
            #expect(throws: AuthFailure.payloadMismatch(credentialID: "cred-00000000000000000001")) {
                try authenticator.authenticate(request, projectID: "p1")
            }
        }
    }

    @Test func theSwiftSignerAgreesWithTheSDK() {
        let v = Self.vectors[0]
        let headers = v.headers.filter { $0.0 != "Authorization" && $0.0 != "Content-Length" }
        let signed = SDKSigner.authorization(
            method: v.method, target: v.target, headers: headers, body: [], accessKey: Self.ak, secretKey: "SKexample")
        #expect(signed == v.headers.first { $0.0 == "Authorization" }?.1)
    }

    @Test func tokensAuthenticateByHashAndExpire() throws {
        let store = InMemoryCredentialStore()
        store.addToken("sjt_live", project: "p1", id: "cred-live")
        store.addToken("sjt_old", project: "p1", id: "cred-old", expired: true)
        let (authenticator, _) = try Self.authenticator(store: store)
        let request = { (token: String) in HTTPRequest(method: "GET", target: "/v1.0/p1/streaming/jobs", headers: ["X-Auth-Token": token]) }
        #expect(try authenticator.authenticate(request("sjt_live"), projectID: "p1").credentialID == "cred-live")
        #expect(throws: AuthFailure.expired(credentialID: "cred-old")) { try authenticator.authenticate(request("sjt_old"), projectID: "p1") }
        #expect(throws: AuthFailure.unknownCredential) { try authenticator.authenticate(request("sjt_nope"), projectID: "p1") }
        store.setDown(true)
        #expect(throws: AuthFailure.unavailable) { try authenticator.authenticate(request("sjt_live"), projectID: "p1") }
    }
}
