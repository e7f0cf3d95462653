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

    @Option(
        name: .long,
        help: """
            The goods owner to act on, by its goodsOwnerCode; by default every configured goods owner, each line \
            saying which one it is about.
            """)
    var owner: String?

    func validate() throws {
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be text or json") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
    }

    /// The configuration with all its goods owners, from `--config`, the environment and `--env-file`.
    func site() throws -> SiteConfiguration {
        var environment = ProcessInfo.processInfo.environment
        if let envFile { environment.merge(try EnvironmentFile.read(envFile)) { _, file in file } }
        return try ConfigurationLoader.loadSite(path: config, environment: environment)
    }

    /// The goods owners the command acts on: the one `--owner` names, or all.
    /// - Throws: `ConfigurationError`, or `CommandFailure` when `--owner` names no configured owner.
    func selection() throws -> OwnerSelection {
        try OwnerSelection(site: site(), code: owner)
    }

    /// The process's logger as these options ask.
    func logger() -> Logger {
        LogSetup.logger(level: logLevel, format: logFormat)
    }
}
