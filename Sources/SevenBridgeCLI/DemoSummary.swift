import BridgeEngine
import Foundation

/// One goods owner's part of the demo: its export cycle, the sample WMS files dropped into its inbox and taken, its
/// write-backs and its archive, told in the summary's lines.
enum DemoSummary {
    /// Runs the owner's cycle and returns what to print about it.
    /// - Parameter wms: the folder whose files the WMS "drops" into the owner's inbox.
    static func run(_ owner: OwnerRuntime, wms: String) async throws -> [String] {
        let cycle = await owner.exportCycle()
        // The WMS answers: the sample shipment, stock and acknowledgement files are dropped into the inbox.
        let inbox = owner.settings.inbox.inbox
        let manager = FileManager.default
        try manager.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: wms).sorted() where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: wms + "/" + name, isDirectory: &isFolder), !isFolder.boolValue else {
                continue
            }
            try manager.copyItem(atPath: wms + "/" + name, toPath: inbox + "/" + name)
        }
        let outcomes = await owner.takeInbox(clock: ContinuousClock())
        let writeBacks = try await owner.writeBacks.runDue()
        let report = try ArchiveVerifier.verify(root: owner.settings.archive)
        var lines = ["Exported to the outbox:"]
        for summary in cycle.summaries {
            let examples = summary.written.prefix(2).joined(separator: ", ")
            lines.append(
                "  \(summary.process.padded(10)) \(String(summary.writtenCount).padded(3)) XML files (\(examples)"
                    + "\(summary.writtenCount > 2 ? ", ..." : ""))" + (summary.csvFile.map { " and \($0)" } ?? ""))
            for notice in summary.notices { lines.append("      noticed: \(notice)") }
        }
        for (process, error) in cycle.failures { lines.append("  \(process) FAILED: \(error)") }
        lines.append("Taken from the inbox:")
        for outcome in outcomes {
            lines.append("  \(outcome.name.padded(20)) \(outcome.result.rawValue): \(outcome.detail)")
        }
        let sent = writeBacks.written.filter { $0.hasPrefix("order ") }
        let stock = writeBacks.written.filter { $0.hasPrefix("stock ") }
        let orders = sent.compactMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } }.sorted()
        lines.append("Written back to 24SevenOffice:")
        lines.append("  orders set to Sent: \(orders.map(String.init).joined(separator: ", "))")
        lines.append("  stock corrected: \(stock.count)")
        for line in stock { lines.append("    \(line)") }
        for refusal in writeBacks.refused { lines.append("  refused: \(refusal)") }
        lines.append("Folders:")
        lines.append("  outbox:  \(owner.settings.export.outbox)")
        lines.append("  inbox:   \(inbox) (processed/ and failed/)")
        lines.append(
            "  archive: \(owner.settings.archive): \(report.records) files, chain \(report.isIntact ? "intact" : "BROKEN")"
        )
        return lines
    }
}
