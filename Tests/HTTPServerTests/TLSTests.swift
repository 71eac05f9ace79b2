import Foundation
import HTTPServer
import Logging
import Testing
import TestSupport

/// HTTPS served by libmicrohttpd itself (GnuTLS), with a self-signed certificate made at test time by the
/// `openssl` CLI and checked by `curl --cacert` on loopback.
@Suite("TLS")
struct TLSTests {
    /// Runs `tool` with `arguments`; returns its exit status and standard output.
    private static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A self-signed certificate for 127.0.0.1 and its key, as PEM.
    private static func selfSigned() throws -> (certificate: String, key: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sj-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cert = dir.appendingPathComponent("cert.pem").path
        let key = dir.appendingPathComponent("key.pem").path
        let (status, _) = try run(
            "openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
            ])
        try #require(status == 0, "openssl req failed (is the openssl CLI installed?)")
        return (try String(contentsOfFile: cert, encoding: .utf8), try String(contentsOfFile: key, encoding: .utf8))
    }

    @Test("HTTPS with a self-signed certificate: curl verifies it and gets the answer; plain HTTP gets nothing")
    func https() throws {
        let (certificate, key) = try Self.selfSigned()
        var configuration = testConfiguration()
        configuration.tls = TLSCredentials(certificatePEM: certificate, privateKeyPEM: key)
        #expect(!configuration.tls!.description.contains("PRIVATE"))
        try withServer(configuration) { server in
            let caFile = FileManager.default.temporaryDirectory.appendingPathComponent("sj-ca-\(UUID().uuidString).pem")
            try certificate.write(to: caFile, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: caFile) }
            let url = "https://127.0.0.1:\(server.boundPort)/secure"
            let (status, body) = try Self.run("curl", ["-sS", "--max-time", "10", "--cacert", caFile.path, url])
            #expect(status == 0)
            #expect(body == "hello GET")
            // Without the CA the certificate does not verify.
            let (unverified, _) = try Self.run("curl", ["-sS", "--max-time", "10", url])
            #expect(unverified != 0)
            // Plain HTTP on the TLS port gets no HTTP response.
            let plain = try HTTPTestClient(port: server.boundPort, timeout: .seconds(3))
            let response = try? plain.sendRaw(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(response == nil)
        }
    }

    @Test("a credential pair that is not PEM makes start fail instead of serving plain HTTP")
    func badCredentials() throws {
        var configuration = testConfiguration()
        configuration.tls = TLSCredentials(certificatePEM: "not a certificate", privateKeyPEM: "not a key")
        let server = HTTPServer(
            configuration: configuration, responder: RecordingResponder(),
            logger: .init(label: "tls") { _ in SwiftLogNoOpLogHandler() })
        #expect(throws: HTTPServerStartError.self) { try server.start() }
    }
}
