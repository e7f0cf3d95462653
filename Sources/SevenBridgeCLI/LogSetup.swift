import Logging

/// The logging set-up: the only place that creates loggers.
enum LogSetup {
    /// The process's logger, writing to standard error at the given level, as text or one JSON object a line.
    static func logger(level: String, format: String = "text") -> Logger {
        var logger = Logger(label: "sevenbridge") { label in
            format == "json"
                ? JSONLogHandler(label: label) as any LogHandler : StreamLogHandler.standardError(label: label)
        }
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}
