import Logging

/// The logging set-up: the only place that creates loggers.
enum LogSetup {
    /// The process's logger, writing to standard error at the given level.
    static func logger(level: String) -> Logger {
        var logger = Logger(label: "sevenbridge") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}
