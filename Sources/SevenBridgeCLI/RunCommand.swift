import ArgumentParser
import BridgeEngine
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `sevenbridge run`: the exporters (and, as they land, the inbox watcher), once or as a daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the enabled processes: one full cycle with --once.",
        discussion: """
            With --once: every enabled exporter, then exit 0 when the cycle completed, non-zero when a process \
            could not run (24SevenOffice unreachable after retries, bad configuration). With --dry-run: the \
            same cycle, writing nothing, calling no ERP write and moving no watermark.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Run one full cycle and exit.")
    var once = false

    @Flag(help: "Write nothing, call no ERP write operation and move no watermark; print what would happen.")
    var dryRun = false

    func run() async throws {
        let configuration = try ConfigurationLoader.load(path: global.config)
        let logger = global.logger()
        let bridge = Bridge(configuration: configuration, logger: logger)
        // One process per state folder; a dry run only reads, so it needs no lock.
        let lock = dryRun ? nil : try StateLock(folder: configuration.folders.state)
        defer { withExtendedLifetime(lock) {} }
        guard once else {
            if dryRun { throw ValidationError("--dry-run needs --once") }
            try await daemon(bridge, configuration, logger)
            return
        }
        var (summaries, failures) = try await bridge.exportOnce(dryRun: dryRun)
        for summary in summaries { print(Self.describe(summary, dryRun: dryRun)) }
        do {
            let (outcomes, writeBacks) = try await bridge.inboxOnce(dryRun: dryRun)
            for outcome in outcomes { print(Self.describe(outcome)) }
            if let writeBacks { print(Self.describe(writeBacks)) }
        } catch {
            failures.append(("inbox", "\(error)"))
        }
        if !dryRun { await bridge.applyRetention() }
        for (process, error) in failures { print("\(process): FAILED: \(error)") }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    /// The daemon: the exporters on their schedule and the inbox watcher, until SIGTERM or SIGINT.
    private func daemon(_ bridge: Bridge, _ configuration: BridgeConfiguration, _ logger: Logger) async throws {
        let (processor, runner) = try bridge.inbox(dryRun: false)
        var services: [any Service] = []
        let processes = configuration.processes
        if processes.articles || processes.orders || processes.suppliers {
            services.append(ExportScheduler(bridge: bridge, interval: configuration.interval, logger: logger))
        }
        if processes.shipments || processes.stock {
            services.append(
                InboxWatcher(
                    processor: processor, runner: runner, inbox: configuration.folders.inbox,
                    rescan: configuration.inboxRescan, logger: logger))
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        logger.info("sevenbridge running", metadata: ["services": "\(services.count)"])
        try await group.run()
        logger.info("sevenbridge stopped")
    }

    static func describe(_ outcome: InboxOutcome) -> String {
        var text = "inbox \(outcome.name): \(outcome.result.rawValue)"
        if let kind = outcome.kind { text += " (\(kind))" }
        text += ": \(outcome.detail)"
        text += outcome.problems.prefix(20).map { "\n  not used: \($0)" }.joined()
        if outcome.problems.count > 20 { text += "\n  ... and \(outcome.problems.count - 20) more" }
        return text
    }

    static func describe(_ summary: WriteBackRunner.Summary) -> String {
        var text =
            "write-backs: \(summary.written.count) written, \(summary.skipped) already right, "
            + "\(summary.refused.count) refused, \(summary.pending) pending"
        text += summary.written.map { "\n  \($0)" }.joined()
        text += summary.refused.map { "\n  refused: \($0)" }.joined()
        return text
    }

    static func describe(_ summary: ExportSummary, dryRun: Bool) -> String {
        var text =
            "\(summary.process): \(summary.written.count) \(dryRun ? "would be written" : "written"), "
            + "\(summary.unchanged) unchanged, \(summary.notices.count) notices"
        if summary.recovered > 0 { text += ", \(summary.recovered) interrupted writes completed" }
        if let csv = summary.csvFile { text += ", CSV \(csv)" }
        if dryRun { text += summary.written.map { "\n  would write \($0)" }.joined() }
        text += summary.notices.map { "\n  notice: \($0)" }.joined()
        return text
    }
}
