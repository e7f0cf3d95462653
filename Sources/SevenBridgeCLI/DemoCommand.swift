import ArgumentParser
import BridgeEngine
import BridgeModel
import Foundation
import Logging
import TwentyFourSevenSimulator

/// `sevenbridge demo`: shows the bridge working with no configuration and no credentials.
///
/// Starts the built-in 24SevenOffice simulator on a free loopback port with the sample company, runs a full
/// export cycle into a fresh demo folder, drops the sample WMS files into its inbox and processes them,
/// verifies the archive and prints what went where.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a full cycle against the built-in 24SevenOffice simulator and summarise what went where.")

    @OptionGroup(title: "Common options (the demo needs no configuration; --config is accepted and not read)")
    var global: GlobalOptions

    @Option(help: "The folder with the sample company (products.xml, invoices.xml, companies.xml).")
    var data: String?

    @Option(
        help: """
            The demo folder, filled with outbox, inbox, archive and state. It must be new, empty, or an earlier \
            demo's folder holding only what that demo made; nothing else is ever deleted.
            """)
    var folder: String = "demo"

    func run() async throws {
        let logger = LogSetup.logger(level: "warning")
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        try DemoFolder.prepare(root)
        let store = SimulatorStore(data: try SimulatorData.load(from: data ?? SampleData.erpDirectory))
        let simulator = try TwentyFourSevenSimulator(store: store, logger: logger)
        let summary = try await simulator.withRunning { url in
            try await Self.cycle(url: url, root: root, logger: logger)
        }
        try DemoFolder.seal(root)
        print(summary)
    }

    static func cycle(url: String, root: String, logger: Logger) async throws -> String {
        let demo = SimulatorCredentials.demo
        let configuration = BridgeConfiguration(
            goodsOwnerCode: "DEMO",
            erp: .init(
                endpoint: url, applicationId: demo.applicationId, username: demo.username, password: demo.password,
                requestsPerHour: 7200),
            folders: .init(
                outbox: root + "/outbox", inbox: root + "/inbox", archive: root + "/archive", state: root + "/state"),
            interval: .seconds(900), inboxSettle: .zero, inboxRescan: .seconds(10), archiveRetention: nil,
            formats: [.xml, .csv],
            processes: .init(articles: true, orders: true, suppliers: true, stock: true, shipments: true),
            orders: .init(
                pullStatuses: [.confirmed], notifyShipped: true, reportAtStatuses: [450, 500], sentStatus: .sent,
                statusOnImport: nil),
            stockField: "SellableNumberOfItems", variantPattern: nil, extraFields: [])
        let runtime = try await RuntimeBuilder.build(configuration, dryRun: false, logger: logger)
        guard let owner = runtime.owners.first else { throw ValidationError("the demo has no goods owner") }
        let cycle = await owner.exportCycle()
        let (summaries, failures) = (cycle.summaries, cycle.failures)
        // The WMS answers: the sample shipment, stock and acknowledgement files are dropped into the inbox.
        let inbox = configuration.folders.inbox
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let samples = URL(fileURLWithPath: SampleData.erpDirectory).deletingLastPathComponent().appendingPathComponent(
            "wms"
        ).path
        for name in try FileManager.default.contentsOfDirectory(atPath: samples).sorted() where !name.hasPrefix(".") {
            try FileManager.default.copyItem(atPath: samples + "/" + name, toPath: inbox + "/" + name)
        }
        let outcomes = await owner.takeInbox(clock: ContinuousClock())
        let writeBacks: WriteBackRunner.Summary? = try await owner.writeBacks.runDue()
        let report = try ArchiveVerifier.verify(root: configuration.folders.archive)
        var lines = [
            "SevenBridge demo: built-in 24SevenOffice simulator at \(url), demo folder \(root)",
            "Exported to the outbox:",
        ]
        for summary in summaries {
            let examples = summary.written.prefix(2).joined(separator: ", ")
            lines.append(
                "  \(summary.process.padded(10)) \(String(summary.writtenCount).padded(3)) XML files (\(examples)"
                    + "\(summary.writtenCount > 2 ? ", ..." : ""))" + (summary.csvFile.map { " and \($0)" } ?? ""))
            for notice in summary.notices { lines.append("      noticed: \(notice)") }
        }
        for (process, error) in failures { lines.append("  \(process) FAILED: \(error)") }
        lines.append("Taken from the inbox:")
        for outcome in outcomes {
            lines.append("  \(outcome.name.padded(20)) \(outcome.result.rawValue): \(outcome.detail)")
        }
        let sent = (writeBacks?.written ?? []).filter { $0.hasPrefix("order ") }
        let stock = (writeBacks?.written ?? []).filter { $0.hasPrefix("stock ") }
        lines.append("Written back to 24SevenOffice:")
        lines.append(
            "  orders set to Sent: \(sent.compactMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } }.sorted().map(String.init).joined(separator: ", "))"
        )
        lines.append("  stock corrected: \(stock.count)")
        for line in stock { lines.append("    \(line)") }
        for refusal in writeBacks?.refused ?? [] { lines.append("  refused: \(refusal)") }
        lines.append("Folders:")
        lines.append("  outbox:  \(configuration.folders.outbox)")
        lines.append("  inbox:   \(inbox) (processed/ and failed/)")
        lines.append(
            "  archive: \(configuration.folders.archive): \(report.records) files, chain \(report.isIntact ? "intact" : "BROKEN")"
        )
        return lines.joined(separator: "\n")
    }
}
