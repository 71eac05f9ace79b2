import Logging

extension Logger {
    /// The service's root logger at the configured level, writing to standard error.
    static func streamJobs(level: String) -> Logger {
        var logger = Logger(label: "streamjobs", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}
