import Glibc
import Logging

/// How log lines look: JSON lines for collectors (production), readable text for a terminal
/// (development). `auto` picks text when standard error is a terminal, JSON otherwise.
enum LogFormat: String, CaseIterable, Sendable {
    case auto
    case json
    case text

    /// `json` or `text`: ``auto`` resolved against standard error.
    var resolved: LogFormat {
        guard self == .auto else { return self }
        return isatty(2) == 1 ? .text : .json
    }
}

extension Logger {
    /// The service's root logger at the configured level and format, writing to standard error.
    /// - Parameters:
    ///   - level: a `Logger.Level` raw value (`info` when unknown).
    ///   - format: `auto`, `json` or `text` (`auto` when unknown).
    static func streamJobs(level: String, format: String) -> Logger {
        let resolved = (LogFormat(rawValue: format) ?? .auto).resolved
        var logger = Logger(label: "streamjobs") { label in
            resolved == .json ? JSONLogHandler(label: label) as any LogHandler : StreamLogHandler.standardError(label: label)
        }
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}
