import BridgeEngine
import BridgeModel
import Foundation
import Testing
import TwentyFourSeven

@testable import StatusServer

/// `/metrics` names every family with a `# HELP` line right before its `# TYPE` line, through the registry the daemon
/// uses and the metrics its runtime records.
@Suite struct MetricsRegistryTests {
    @Test func everyFamilyScrapedHasItsHelpRightBeforeItsType() throws {
        let registry = MetricsRegistry()
        let metrics = registry.metrics(goodsOwner: "ACME")
        metrics.prepare(kinds: [.order, .article])
        metrics.exportSucceeded("orders", at: Date(timeIntervalSince1970: 1_765_000_000))
        metrics.inboxFile(kind: "shipment", outcome: "processed")
        metrics.archived(3)
        metrics.erpRequest(
            ERPCallEvent(
                operation: "GetInvoices", outcome: .ok, duration: .milliseconds(40),
                endedAt: Date(timeIntervalSince1970: 1_765_000_000), error: nil))
        metrics.set(.writeBacks, [("state", "pending")], to: 2)
        metrics.set(.erpBudgetRemaining, to: 9_000)
        metrics.set(.inboxHeldFiles, to: 1)
        metrics.set(.alerts, [("alert", "held_stock_file")], to: 1)
        let lines = registry.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "", "the text ends with a line break")
        var typed = Set<String>()
        for (index, line) in lines.enumerated() where line.hasPrefix("# TYPE ") {
            let name = String(line.dropFirst(7).prefix { $0 != " " })
            let family = try #require(BridgeMetrics.Family(rawValue: name), "\(name) is not a family of section 8")
            #expect(index > 0 && lines[index - 1] == "# HELP \(name) \(family.help)", "\(name): \(lines)")
            typed.insert(name)
        }
        #expect(typed == Set(BridgeMetrics.Family.allCases.map(\.rawValue)), "\(typed)")
        #expect(lines.filter { $0.hasPrefix("# HELP ") }.count == typed.count, "one HELP line per family")
    }

    @Test func textWithoutFamiliesIsLeftAsItIs() {
        let text = "# TYPE other_total counter\nother_total 1\n"
        #expect(MetricsRegistry.withHelp(text) == text)
        #expect(MetricsRegistry.withHelp("") == "")
    }

    @Test func helpTextsAreOneLineWithoutBackslashes() {
        for family in BridgeMetrics.Family.allCases {
            #expect(!family.help.isEmpty && !family.help.contains("\n") && !family.help.contains("\\"), "\(family)")
        }
    }
}
