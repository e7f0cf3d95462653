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
        // Two goods owners, each with its own company, outbox, inbox and archive, and every line naming its owner.
        let lines = result.output.split(separator: "\n").dropFirst(2)
        #expect(lines.allSatisfy { $0.hasPrefix("DEMO: ") || $0.hasPrefix("NORDLYS: ") }, "\(result.output)")
        for (code, processedFiles, articles) in [("DEMO", 5, "TUR-100-BL"), ("NORDLYS", 2, "KAF-100-250")] {
            let mine = lines.filter { $0.hasPrefix(code + ": ") }
            let outbox = try FileManager.default.contentsOfDirectory(atPath: folder + "/outbox/" + code)
            for kind in ["article", "supplier", "order"] {
                let count = outbox.filter { $0.hasPrefix(kind + "-") && $0.hasSuffix(".xml") }.count
                let line = try #require(mine.first { $0.contains(" XML files") && $0.contains(kind + "s ") })
                #expect(line.contains(" \(count) "), "\(line) but \(count) \(kind) files")
            }
            #expect(outbox.filter { $0.hasSuffix(".csv") }.count == 3)
            #expect(outbox.contains { $0.hasPrefix("article-\(articles)-") }, "\(code): \(outbox)")
            let processed = try FileManager.default.contentsOfDirectory(
                atPath: folder + "/inbox/\(code)/processed"
            ).filter { !$0.hasSuffix(".txt") }
            #expect(processed.count == processedFiles)
            for name in processed { #expect(mine.contains { $0.contains("  \(name)") }) }
            let manifest = try String(contentsOfFile: folder + "/archive/\(code)/manifest.jsonl", encoding: .utf8)
            let records = manifest.split(separator: "\n").count
            #expect(mine.contains { $0.contains("\(records) files, chain intact") })
        }
        #expect(result.output.contains("DEMO:   orders set to Sent: 5007, 5010, 5011, 5013"))
        #expect(result.output.contains("DEMO:   stock corrected: 5"))
        #expect(result.output.contains("NORDLYS:   orders set to Sent: 6001, 6002"))
        #expect(result.output.contains("NORDLYS:   stock corrected: 2"))
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
