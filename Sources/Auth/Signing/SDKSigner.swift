import HTTPServer

/// Signs a request the way the Huawei Cloud SDK does, for clients written in Swift (tests, tools).
public enum SDKSigner {
    /// The `Authorization` header value for a request with these parts. Every header given is signed
    /// (names lower-cased and sorted, skipping names containing `_`), so pass `Host` and `X-Sdk-Date`.
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - target: path and query as they will be sent.
    ///   - headers: the headers to send and sign (must include `Host` and `X-Sdk-Date`).
    ///   - body: the body bytes.
    ///   - accessKey: the AK.
    ///   - secretKey: the SK.
    public static func authorization(
        method: String, target: String, headers: [(String, String)], body: [UInt8], accessKey: String, secretKey: String
    ) -> String {
        let request = HTTPRequest(method: method, target: target, headers: HTTPHeaders(headers), body: body, requestID: "sign")
        let names = Set(headers.map { $0.0.lowercased() }.filter { !$0.contains("_") }).sorted()
        let date = headers.first { $0.0.lowercased() == "x-sdk-date" }?.1 ?? ""
        let hash = body.isEmpty ? Digest.sha256Hex([UInt8]()) : Digest.sha256Hex(body)
        let canonical = (try? CanonicalRequest.text(request, signedHeaders: names, payloadHash: hash)) ?? ""
        let signature = Hex.encode(SDKSignature.sign(canonicalRequest: canonical, date: date, secretKey: Array(secretKey.utf8)))
        return "\(SDKAuthorization.algorithm) Access=\(accessKey), SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"
    }
}
