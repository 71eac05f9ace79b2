import DLIAPI
import HTTPServer

extension ServiceConfiguration {
    /// Reads the hostile-input limits into `http` and returns the DLI API's own (per-route body limit,
    /// JSON depth). Combinations the HTTP server refuses are reported with `http.validationErrors`.
    static func readLimits(_ env: inout EnvironmentReader, http: inout HTTPServerConfiguration) -> DLIRequestLimits {
        http.maxURLBytes = env.int("STREAMJOBS_HTTP_MAX_URL_BYTES", default: 16 * 1024, range: 256...1 << 20)
        http.maxHeaderCount = env.int("STREAMJOBS_HTTP_MAX_HEADER_COUNT", default: 100, range: 8...10_000)
        http.maxHeaderBytes = env.int("STREAMJOBS_HTTP_MAX_HEADER_BYTES", default: 24 * 1024, range: 1024...1 << 20)
        http.memoryLimitBytes = env.int(
            "STREAMJOBS_HTTP_CONNECTION_MEMORY_BYTES", default: 48 * 1024, range: 8192...16 << 20)
        http.perClientConnectionLimit = env.int(
            "STREAMJOBS_HTTP_MAX_CONNECTIONS_PER_CLIENT", default: 256, range: 0...65536)
        http.requestTimeoutSeconds = env.int("STREAMJOBS_HTTP_REQUEST_TIMEOUT_SECONDS", default: 60, range: 0...3600)
        http.tls = readTLS(&env)
        var limits = DLIRequestLimits()
        limits.smallBodyBytes = env.int("STREAMJOBS_MAX_SMALL_BODY_BYTES", default: 64 * 1024, range: 1024...64 << 20)
        limits.jsonMaxDepth = env.int(
            "STREAMJOBS_JSON_MAX_DEPTH", default: 16, range: 2...DLIRequestLimits.jsonMaxDepthCeiling)
        return limits
    }

    /// `STREAMJOBS_TLS_CERT_FILE` and `STREAMJOBS_TLS_KEY_FILE`: both or neither; PEM files read once here.
    /// The key's content is never logged or echoed in a message.
    static func readTLS(_ env: inout EnvironmentReader) -> TLSCredentials? {
        let certKey = "STREAMJOBS_TLS_CERT_FILE"
        let keyKey = "STREAMJOBS_TLS_KEY_FILE"
        let certPath = env.raw(certKey)
        let keyPath = env.raw(keyKey)
        guard certPath != nil || keyPath != nil else { return nil }
        guard let certPath, let keyPath else {
            env.report("\(certPath == nil ? certKey : keyKey) is not set: TLS needs both \(certKey) and \(keyKey)")
            return nil
        }
        let certificate = pem(at: certPath, key: certKey, marker: "CERTIFICATE", env: &env)
        let privateKey = pem(at: keyPath, key: keyKey, marker: "PRIVATE KEY", env: &env)
        guard let certificate, let privateKey else { return nil }
        return TLSCredentials(certificatePEM: certificate, privateKeyPEM: privateKey)
    }

    private static func pem(at path: String, key: String, marker: String, env: inout EnvironmentReader) -> String? {
        guard let text = ConfigurationFile.read(path) else {
            env.report("\(key)=\(path.prefix(80)): cannot be read (or is over 1 MiB)")
            return nil
        }
        guard text.contains("-----BEGIN ") && text.contains(marker + "-----") else {
            env.report("\(key)=\(path.prefix(80)): is not a PEM file with a \(marker)")
            return nil
        }
        return text
    }
}
