import Foundation
import Testing
import TwentyFourSevenSimulator

/// The archive verbs through the real binary: list, show, replay, verify (also of a tampered archive), prune.
@Suite(.serialized) struct ArchiveCommandTests {
    @Test func listShowReplayVerifyAndPrune() async throws {
        try await withSimulator { store, url in
            let workspace = try BinaryWorkspace(endpoint: url, extra: "inbox:\n  settle: 1ms")
            let env = workspace.environment
            let config = ["--config", workspace.config]
            // The whole seconds before the first run: every file archived from here on is at or after it, also when the
            // test runs across midnight (a day taken later would miss the files of the day before).
            let started = ISO8601DateFormatter().string(
                from: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down) - 1))
            #expect(try await runBinary(["run", "--once"] + config, environment: env).status == 0)
            try FileManager.default.copyItem(
                atPath: repositoryRoot + "/samples/wms/shipments.csv", toPath: workspace.root + "/inbox/shipments.csv")
            #expect(try await runBinary(["run", "--once"] + config, environment: env).status == 0)

            // Every file that names order 5010: its own XML file, the CSV holding its rows, the shipment file.
            let list = try await runBinary(["archive", "list", "--key", "5010"] + config, environment: env)
            #expect(list.status == 0)
            let rows = list.output.split(separator: "\n")
            #expect(rows.count == 3, "\(list.output)")
            #expect(rows[0].contains("outbound\torder\torder-5010-"), "\(list.output)")
            #expect(rows[1].contains("outbound\torders-csv\torders-"), "\(list.output)")
            #expect(rows[2].contains("inbound\tshipment\tshipments.csv"), "\(list.output)")
            let article = try await runBinary(["archive", "list", "--key", "TUR-100-BL"] + config, environment: env)
            #expect(article.output.split(separator: "\n").count == 2, "\(article.output)")
            let inbound = try await runBinary(
                ["archive", "list", "--direction", "inbound", "--kind", "shipment"] + config, environment: env)
            #expect(inbound.output.contains("shipments.csv"))
            let dated = try await runBinary(
                ["archive", "list", "--from", started, "--kind", "supplier"] + config, environment: env)
            #expect(dated.output.split(separator: "\n").count == 3, "\(dated.output)")
            let later = try await runBinary(
                ["archive", "list", "--from", "2999-01-01", "--kind", "supplier"] + config, environment: env)
            #expect(later.output == "no archived file matches\n", "\(later.output)")

            let seq = String(rows[0].split(separator: "\t")[0])
            let show = try await runBinary(["archive", "show", seq] + config, environment: env)
            #expect(show.output.contains("<GoodsOwnerOrderNumber>5010</GoodsOwnerOrderNumber>"))

            // Replaying the inbox file: taken again, checked against 24SevenOffice, nothing written twice.
            let writesBefore = await store.writes.count
            let replay = try await runBinary(["archive", "replay", "shipments.csv"] + config, environment: env)
            #expect(replay.status == 0, "\(replay.errors)")
            let again = try await runBinary(["run", "--once"] + config, environment: env)
            #expect(again.output.contains("inbox shipments.csv: processed"), "\(again.output)")
            #expect(again.output.contains("2 already right"))
            #expect(await store.writes.count == writesBefore)
            // Replaying an outbox file the importer has taken puts it back, archived again.
            let outboxFile = String(rows[0].split(separator: "\t")[4])
            try FileManager.default.removeItem(atPath: workspace.root + "/out/" + outboxFile)
            #expect(try await runBinary(["archive", "replay", seq] + config, environment: env).status == 0)
            #expect(FileManager.default.fileExists(atPath: workspace.root + "/out/" + outboxFile))
            #expect(try await runBinary(["archive", "verify"] + config, environment: env).status == 0)

            // Pruning keeps the chain verifiable; a file removed by hand is still caught.
            let prune = try await runBinary(["archive", "prune", "--older-than", "0d"] + config, environment: env)
            #expect(prune.output.contains("pruned"), "\(prune.output)\(prune.errors)")
            #expect(try await runBinary(["archive", "verify"] + config, environment: env).status == 0)
            #expect(try await runBinary(["run", "--once"] + config, environment: env).status == 0)
            let manifest = try String(contentsOfFile: workspace.root + "/arch/manifest.jsonl", encoding: .utf8)
            let lastLine = try #require(manifest.split(separator: "\n").last)
            if let path = lastLine.firstMatch(of: /"path":"([^"]+)"/)?.1,
                !lastLine.contains("\"direction\":\"internal\"")
            {
                try FileManager.default.removeItem(atPath: workspace.root + "/arch/" + path)
                let broken = try await runBinary(["archive", "verify"] + config, environment: env)
                #expect(broken.status != 0 && broken.output.contains("is missing"))
            }
        }
    }

    @Test func verifyReportsATamperedArchive() async throws {
        try await withSimulator { _, url in
            let workspace = try BinaryWorkspace(endpoint: url)
            let config = ["--config", workspace.config]
            #expect(try await runBinary(["run", "--once"] + config, environment: workspace.environment).status == 0)
            let path = workspace.root + "/arch/manifest.jsonl"
            var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            lines[3] = lines[3].replacingOccurrences(of: "\"outbound\"", with: "\"inbound\"")
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let verify = try await runBinary(["archive", "verify"] + config, environment: workspace.environment)
            #expect(verify.status == 1)
            #expect(verify.output.contains("BROKEN: manifest line 4"))
            #expect(verify.output.contains("the record was changed"))
        }
    }
}
