import ArgumentParser
import BridgeEngine
import Foundation
import Logging
import ServiceLifecycle
import StatusServer
import UnixSignals

/// `sevenbridge run`: the exporters, the inbox and the write-backs, once or as a daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the enabled processes: one full cycle with --once.",
        discussion: """
            Without --once: the daemon, until SIGTERM or SIGINT: the exporters every `interval`, the inbox watched, \
            the write-backs as they fall due. With --once: every enabled exporter, then every complete inbox file, \
            then the due write-backs; exit 0 when the cycle completed, non-zero when a process could not run \
            (24SevenOffice unreachable after retries, bad configuration). With --dry-run: the same cycle, writing \
            nothing, calling no ERP write and moving no watermark. Every goods owner is served, each on its own \
            (one owner's failing 24SevenOffice never holds up another); --owner CODE serves one.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Run one full cycle and exit.")
    var once = false

    @Flag(help: "Write nothing, call no ERP write operation and move no watermark; print what would happen.")
    var dryRun = false

    func run() async throws {
        let selection = try global.selection()
        let logger = global.logger()
        if dryRun && !once { throw ValidationError("--dry-run needs --once") }
        // One process per state folder; a dry run only reads, so it needs no lock.
        let locks = dryRun ? [] : try selection.lock()
        defer { withExtendedLifetime(locks) {} }
        // The status page and metrics are the daemon's; a cycle with --once serves nothing.
        let listen = once ? nil : selection.site.httpListen
        if let listen, let problem = listen.bindProblem() { throw CommandFailure("http.listen \(listen): \(problem)") }
        let registry = listen.map { _ in MetricsRegistry() }
        let runtime = try await RuntimeBuilder.build(selection, dryRun: dryRun, metrics: registry, logger: logger)
        var services: [any Service]
        let result = OnceResult()
        if once {
            services = [OnceService(runtime: runtime, selection: selection, dryRun: dryRun, result: result)]
        } else {
            services = runtime.services(clock: ContinuousClock())
            services.append(ControlService(runtime: runtime, socket: selection.controlSocket, logger: logger))
            if let listen, let registry {
                let daemon = SiteStatus.Daemon(
                    pid: getpid(), startedAt: OwnerStatus.time(Date()), version: SevenBridgeCommand.version)
                let server = StatusServer(runtime: runtime, metrics: registry, daemon: daemon, logger: logger)
                services.append(server.application(host: listen.host, port: listen.port))
            }
            logger.info(
                "sevenbridge running",
                metadata: [
                    "services": "\(services.count)",
                    "goods_owners": "\(selection.owners.map(\.goodsOwnerCode).joined(separator: ","))",
                ])
        }
        // The one-shot cycle ends the group when it is done; the daemon's services run until a signal.
        let group = ServiceGroup(
            configuration: .init(
                services: services.map {
                    .init(service: $0, successTerminationBehavior: once ? .gracefullyShutdownGroup : .cancelGroup)
                }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        if once {
            if result.failed { throw ExitCode(1) }
        } else {
            logger.info("sevenbridge stopped")
        }
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
            + "\(summary.refused.count) refused, \(summary.pending) waiting for a retry"
        if let next = summary.nextAttempt {
            text += " (next attempt \(next.formatted(Date.ISO8601FormatStyle())))"
            if let error = summary.lastError { text += "; last error: \(error)" }
        }
        text += summary.written.map { "\n  \($0)" }.joined()
        text += summary.refused.map { "\n  refused: \($0)" }.joined()
        return text
    }

    static func describe(_ summary: ExportSummary, dryRun: Bool) -> String {
        var text =
            "\(summary.process): \(summary.writtenCount) \(dryRun ? "would be written" : "written"), "
            + "\(summary.unchanged) unchanged, \(summary.noticeCount) notices"
        if summary.recovered > 0 { text += ", \(summary.recovered) interrupted writes completed" }
        if let csv = summary.csvFile { text += ", CSV \(csv)" }
        if dryRun { text += summary.written.map { "\n  would write \($0)" }.joined() }
        text += summary.notices.map { "\n  notice: \($0)" }.joined()
        if summary.noticeCount > summary.notices.count {
            text += "\n  and \(summary.noticeCount - summary.notices.count) more notices (each is in the log)"
        }
        return text
    }
}
