/// Validation of the hostile-input limits of ``HTTPServerConfiguration``.
extension HTTPServerConfiguration {
    /// Bytes of libmicrohttpd's per-connection pool that the request line and headers may not use
    /// (its own bookkeeping and the response header), measured with libmicrohttpd 0.9.75.
    static let memoryReserveBytes = 4096

    /// One message per limit out of range, including limits that libmicrohttpd's memory limit would
    /// make unreachable (a URL or header block that large would get libmicrohttpd's own HTML 414/431).
    var limitValidationErrors: [String] {
        var errors: [String] = []
        if maxURLBytes < 16 { errors.append("maxURLBytes must be at least 16, got \(maxURLBytes)") }
        if maxHeaderCount < 1 { errors.append("maxHeaderCount must be at least 1, got \(maxHeaderCount)") }
        if maxHeaderBytes < 256 { errors.append("maxHeaderBytes must be at least 256, got \(maxHeaderBytes)") }
        if maxURLBytes + maxHeaderBytes + Self.memoryReserveBytes > memoryLimitBytes {
            errors.append(
                "maxURLBytes + maxHeaderBytes + \(Self.memoryReserveBytes) (\(maxURLBytes + maxHeaderBytes + Self.memoryReserveBytes)) "
                    + "must not exceed memoryLimitBytes (\(memoryLimitBytes))")
        }
        if !(0...Int(UInt32.max)).contains(perClientConnectionLimit) {
            errors.append("perClientConnectionLimit must be between 0 and \(UInt32.max), got \(perClientConnectionLimit)")
        }
        if !(0...86_400).contains(requestTimeoutSeconds) {
            errors.append("requestTimeoutSeconds must be between 0 and 86400, got \(requestTimeoutSeconds)")
        }
        if let tls, tls.certificatePEM.isEmpty || tls.privateKeyPEM.isEmpty {
            errors.append("tls needs both a certificate and a private key")
        }
        return errors
    }
}

/// A PEM certificate chain and its private key, for HTTPS served by libmicrohttpd itself
/// (`MHD_USE_TLS`, `MHD_OPTION_HTTPS_MEM_CERT`, `MHD_OPTION_HTTPS_MEM_KEY`).
///
/// `description` never shows the key.
public struct TLSCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The server certificate (then any intermediates), PEM.
    public var certificatePEM: String
    /// The unencrypted private key, PEM. Secret.
    public var privateKeyPEM: String

    /// - Parameters:
    ///   - certificatePEM: certificate chain, PEM.
    ///   - privateKeyPEM: private key, PEM (not encrypted).
    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }

    /// `tls(certificate: N bytes, key: <redacted>)`.
    public var description: String { "tls(certificate: \(certificatePEM.utf8.count) bytes, key: <redacted>)" }
}
