import Auth

/// Authentication settings: `STREAMJOBS_AUTH` (`on`, the default, or `none` for local development on
/// a loopback address only) and the master key that seals secret keys at rest.
public struct AuthConfiguration: Sendable {
    /// Whether requests must carry credentials.
    public enum Mode: String, Sendable, CaseIterable {
        case on
        case none
    }

    public var mode: Mode
    /// Whether each instance keeps the live credentials it has read in memory, dropped the moment any
    /// credential changes (`STREAMJOBS_AUTH_CACHE`, default on; see `CredentialCache`). Off: every
    /// request reads its credential from PostgreSQL (e.g. behind a pooler that cannot LISTEN).
    public var cache: Bool
    /// The master keys; required when `mode` is `on`, optional otherwise (admin commands need it to
    /// create AK/SK credentials either way).
    public var keyring: Keyring?

    public init(mode: Mode, keyring: Keyring?, cache: Bool = true) {
        self.mode = mode
        self.keyring = keyring
        self.cache = cache
    }

    /// Reads `STREAMJOBS_AUTH`, `STREAMJOBS_AUTH_CACHE`, `STREAMJOBS_MASTER_KEY` and `STREAMJOBS_MASTER_KEY_PREVIOUS`, reporting
    /// bad values without ever echoing a key.
    /// - Parameters:
    ///   - env: the environment; problems are added to it.
    ///   - host: the HTTP listen address (auth `none` is refused unless it is loopback).
    static func read(_ env: inout EnvironmentReader, host: String) -> AuthConfiguration {
        let mode = Mode(rawValue: env.choice("STREAMJOBS_AUTH", default: "on", allowed: Mode.allCases.map(\.rawValue))) ?? .on
        let cache = env.choice("STREAMJOBS_AUTH_CACHE", default: "on", allowed: ["on", "off"]) == "on"
        let keyring = readKeyring(&env, required: mode == .on)
        if mode == .none, !isLoopback(host) {
            env.report(
                "STREAMJOBS_AUTH=none: refused on the non-loopback address STREAMJOBS_HTTP_HOST=\(host.prefix(64)) "
                    + "(authentication may only be off for local development on 127.0.0.1 or ::1)")
        }
        return AuthConfiguration(mode: mode, keyring: keyring, cache: cache)
    }

    /// The keyring from the environment, or nil when no key is set (reported when `required`).
    static func readKeyring(_ env: inout EnvironmentReader, required: Bool) -> Keyring? {
        guard let text = env.raw("STREAMJOBS_MASTER_KEY") else {
            if required {
                env.report(
                    "STREAMJOBS_MASTER_KEY is not set: authentication is on and needs a 32-byte master key "
                        + "(64 hex digits or base64, e.g. `openssl rand -base64 32`)")
            }
            return nil
        }
        guard let current = MasterKey(text: text) else {
            env.report("STREAMJOBS_MASTER_KEY: must be 32 bytes as 64 hex digits or base64 (value not shown)")
            return nil
        }
        var previous: [MasterKey] = []
        for (i, part) in (env.raw("STREAMJOBS_MASTER_KEY_PREVIOUS") ?? "").split(separator: ",").enumerated() {
            guard let key = MasterKey(text: String(part)) else {
                env.report("STREAMJOBS_MASTER_KEY_PREVIOUS: key \(i + 1) must be 32 bytes as 64 hex digits or base64 (value not shown)")
                continue
            }
            previous.append(key)
        }
        return Keyring(current: current, previous: previous)
    }

    /// Whether `host` is a loopback address (127.0.0.0/8, ::1 or localhost).
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// For the start-up log line: the mode and the master key's id, never the key.
    var summary: String {
        "auth=\(mode.rawValue)" + (mode == .on ? " auth_cache=\(cache ? "on" : "off")" : "")
            + (keyring.map { " master_key=\($0.current.id)" } ?? "")
    }
}
