import BridgeEngine
import Foundation
import Testing
import TwentyFourSevenSimulator

/// Every file the exporters write for the sample company, byte for byte as the golden files in `Fixtures/golden` hold
/// them (written with a fixed clock, so names and export-time values are stable).
///
/// Run with `SEVENBRIDGE_RECORD_GOLDEN=1` to write the golden files anew after a deliberate change of the output.
@Suite struct GoldenOutboxTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden").path

    @Test func theOutboxIsByteForByteTheGoldenFiles() async throws {
        try await withSimulator { _, url in
            let workspace = try Workspace()
            let fixed = Date(timeIntervalSince1970: 1_795_000_000)
            let owner = try await makeOwner(
                makeClient(url), ownerSettings(workspace), state: workspace.state, now: { fixed })
            _ = try await owner.exporter.exportArticles()
            _ = try await owner.exporter.exportSuppliers()
            _ = try await owner.exporter.exportOrders()
            let written = try workspace.outboxFiles()
            #expect(written.count == 51)
            if ProcessInfo.processInfo.environment["SEVENBRIDGE_RECORD_GOLDEN"] == "1" {
                try? FileManager.default.removeItem(atPath: Self.fixtures)
                try FileManager.default.createDirectory(atPath: Self.fixtures, withIntermediateDirectories: true)
                for name in written {
                    try FileManager.default.copyItem(
                        atPath: workspace.outbox + "/" + name, toPath: Self.fixtures + "/" + name)
                }
                return
            }
            let golden = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).sorted()
            #expect(written == golden)
            for name in golden {
                let expected = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/" + name))
                let actual = try Data(contentsOf: URL(fileURLWithPath: workspace.outbox + "/" + name))
                #expect(actual == expected, "\(name) differs from its golden file")
            }
        }
    }
}
