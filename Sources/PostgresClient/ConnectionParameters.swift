import CLibPQ
import Glibc

/// Opens libpq sessions with StreamJobs' defaults, leaving every setting in the connection string intact.
///
/// `PQconnectdbParams` with `expand_dbname` processes its arrays in order and lets later entries override
/// earlier ones, so defaults placed *before* the expanded connection string apply only when the string (URI
/// or `key=value` form) does not set them.
/// See <https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-PQCONNECTDBPARAMS>.
enum ConnectionParameters {
    /// Seconds libpq waits for a connection before giving up, unless the connection string (or
    /// `PGCONNECT_TIMEOUT`) says otherwise; keeps a reconnect from blocking a request thread for long.
    static let defaultConnectTimeout = "2"

    /// Calls `PQconnectdbParams`; the caller owns the returned `PGconn` (never `nil` except out of memory).
    /// - Parameter applicationName: the `application_name` unless the string or `PGAPPNAME` names one;
    ///   the executable's name by default.
    static func connect(conninfo: String, applicationName: String? = nil) -> OpaquePointer? {
        var keywords: [String?] = []
        var values: [String?] = []
        if getenv("PGCONNECT_TIMEOUT") == nil {
            keywords.append("connect_timeout")
            values.append(defaultConnectTimeout)
        }
        // libpq's own fallback: used only when neither the string nor PGAPPNAME names the application.
        keywords.append("fallback_application_name")
        values.append(applicationName.map { String(decoding: $0.utf8.prefix(63), as: UTF8.self) } ?? processName)
        keywords.append("dbname")
        values.append(conninfo)
        return CStringArray.with(keywords, nullTerminated: true) { keywordPointers in
            CStringArray.with(values, nullTerminated: true) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
    }

    /// The executable's file name, truncated to fit PostgreSQL's 63-byte `application_name`.
    static let processName: String = {
        let path = CommandLine.arguments.first ?? "postgresclient"
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return String(decoding: name.utf8.prefix(63), as: UTF8.self)
    }()
}
