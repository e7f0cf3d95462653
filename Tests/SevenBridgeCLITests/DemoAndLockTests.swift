import BridgeEngine
import Foundation
import Testing
import TwentyFourSevenSimulator

/// The demo on a fresh folder, and one process per state folder.
@Suite(.serialized) struct DemoAndLockTests {
    @Test func theDemoSummaryMatchesTheFilesItLeavesBehind() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sevenbridge-demo-\(UUID().uuidString)"
        ).path
        let started = Date()
        let result = try await runBinary(["demo", "--folder", folder], directory: repositoryRoot)
        #expect(result.status == 0, "\(result.errors)")
        #expect(Date().timeIntervalSince(started) < 60)
        let outbox = try FileManager.default.contentsOfDirectory(atPath: folder + "/outbox")
        for kind in ["article", "supplier", "order"] {
            let count = outbox.filter { $0.hasPrefix(kind + "-") && $0.hasSuffix(".xml") }.count
            let line = try #require(
                result.output.split(separator: "\n").first { $0.contains(" XML files") && $0.contains(kind + "s ") })
            #expect(line.contains(" \(count) "), "\(line) but \(count) \(kind) files")
        }
        #expect(outbox.filter { $0.hasSuffix(".csv") }.count == 3)
        let processed = try FileManager.default.contentsOfDirectory(atPath: folder + "/inbox/processed").filter {
            !$0.hasSuffix(".txt")
        }
        #expect(processed.count == 5)
        for name in processed { #expect(result.output.contains("  \(name)")) }
        #expect(result.output.contains("orders set to Sent: 5007, 5010, 5011, 5013"))
        #expect(result.output.contains("stock corrected: 5"))
        let manifest = try String(contentsOfFile: folder + "/archive/manifest.jsonl", encoding: .utf8)
        let records = manifest.split(separator: "\n").count
        #expect(result.output.contains("\(records) files, chain intact"))
    }

    @Test func aSecondInstanceOnTheSameStateFolderSaysWhoHoldsItAndExits() async throws {
        try await withSimulator { store, url in
            let workspace = try BinaryWorkspace(endpoint: url, extra: "interval: 1h")
            let daemon = try startBinary(
                ["run", "--config", workspace.config, "--log-level", "error"], environment: workspace.environment)
            defer {
                daemon.terminate()
                daemon.waitUntilExit()
            }
            // The holder writes its process id into the lock file once it holds the lock.
            let holds = try await Soak(workspace: workspace, store: store).until(.seconds(10)) {
                StateLock.holder(folder: workspace.root + "/st") == "\(daemon.processIdentifier)"
            }
            #expect(holds)
            let second = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(second.status != 0)
            #expect(
                (second.output + second.errors).contains("another sevenbridge (process \(daemon.processIdentifier))"))
        }
    }
}
