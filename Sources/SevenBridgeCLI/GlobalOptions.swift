import ArgumentParser
import Foundation
import Logging

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (YAML).")
    var config: String = "sevenbridge.yaml"

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(name: .long, help: "Log format: text, or json (one object a line, for log collectors).")
    var logFormat: String = "text"

    @Option(
        name: .long,
        help: """
            A file of KEY=VALUE lines (such as the systemd unit's EnvironmentFile) read as if they were in the \
            environment, so that doctor and status see what the service sees.
            """)
    var envFile: String?

    func validate() throws {
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be text or json") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
    }

    /// The configuration, from `--config`, the environment and `--env-file`.
    func configuration() throws -> BridgeConfiguration {
        var environment = ProcessInfo.processInfo.environment
        if let envFile { environment.merge(try EnvironmentFile.read(envFile)) { _, file in file } }
        return try ConfigurationLoader.load(path: config, environment: environment)
    }

    /// The process's logger as these options ask.
    func logger() -> Logger {
        LogSetup.logger(level: logLevel, format: logFormat)
    }
}
