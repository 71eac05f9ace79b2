import CMicroHTTPD
import Glibc

extension DaemonOptions {
    /// `MHD_OPTION_PER_IP_CONNECTION_LIMIT` (when set) and `MHD_OPTION_NOTIFY_CONNECTION` (when request
    /// timeouts are on, for ``RequestDeadlines``).
    static func limitItems(configuration: HTTPServerConfiguration, context: UnsafeMutableRawPointer) -> [MHD_OptionItem] {
        var items: [MHD_OptionItem] = []
        if configuration.perClientConnectionLimit > 0 {
            items.append(
                MHD_OptionItem(
                    option: .PER_IP_CONNECTION_LIMIT, value: configuration.perClientConnectionLimit, ptr_value: nil))
        }
        if configuration.requestTimeoutSeconds > 0 {
            let notify: MHD_NotifyConnectionCallback = mhdConnectionNotify
            items.append(
                MHD_OptionItem(option: .NOTIFY_CONNECTION, value: unsafeBitCast(notify, to: Int.self), ptr_value: context))
        }
        return items
    }

    /// `MHD_OPTION_HTTPS_MEM_CERT` and `MHD_OPTION_HTTPS_MEM_KEY` pointing into `memory`.
    static func tlsItems(_ memory: TLSMemory) -> [MHD_OptionItem] {
        [
            MHD_OptionItem(option: .HTTPS_MEM_CERT, value: 0, ptr_value: UnsafeMutableRawPointer(memory.certificate)),
            MHD_OptionItem(option: .HTTPS_MEM_KEY, value: 0, ptr_value: UnsafeMutableRawPointer(memory.key)),
        ]
    }
}

/// NUL-terminated copies of the PEM certificate and key handed to libmicrohttpd, kept until the daemon
/// has stopped; the key is overwritten with zeros before it is freed.
final class TLSMemory: @unchecked Sendable {  // @unchecked: written once in init, read only by MHD while started
    let certificate: UnsafeMutablePointer<CChar>
    let key: UnsafeMutablePointer<CChar>

    init(_ credentials: TLSCredentials) {
        certificate = strdup(credentials.certificatePEM)
        key = strdup(credentials.privateKeyPEM)
    }

    deinit {
        memset(key, 0, strlen(key))
        free(key)
        free(certificate)
    }
}
