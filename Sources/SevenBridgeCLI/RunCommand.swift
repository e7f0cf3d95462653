import ArgumentParser
import BridgeEngine
import Foundation
import Logging

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
        guard once else {
            throw ValidationError("the daemon mode arrives with the operations work; use `sevenbridge run --once`")
        }
        let configuration = try ConfigurationLoader.load(path: global.config)
        let logger = LogSetup.logger(level: global.logLevel)
        let bridge = Bridge(configuration: configuration, logger: logger)
        var (summaries, failures) = try await bridge.exportOnce(dryRun: dryRun)
        for summary in summaries { print(Self.describe(summary, dryRun: dryRun)) }
        do {
            let (outcomes, writeBacks) = try await bridge.inboxOnce(dryRun: dryRun)
            for outcome in outcomes { print(Self.describe(outcome)) }
            if let writeBacks { print(Self.describe(writeBacks)) }
        } catch {
            failures.append(("inbox", "\(error)"))
        }
        for (process, error) in failures { print("\(process): FAILED: \(error)") }
        if !failures.isEmpty { throw ExitCode(1) }
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
