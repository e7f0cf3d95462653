import BridgeEngine
import Foundation
import Testing
import TwentyFourSevenSimulator

/// The inbox through the real binary: run --once takes the files, status shows what happened, and a held
/// stock file goes through only after `inbox release`.
@Suite(.serialized) struct InboxCommandTests {
    @Test func runOnceTakesTheInboxAndStatusShowsItThenAHeldFileIsReleased() async throws {
        try await withSimulator { store, url in
            let workspace = try BinaryWorkspace(endpoint: url, extra: "inbox:\n  settle: 1ms")
            #expect(
                try await runBinary(
                    ["run", "--once", "--config", workspace.config], environment: workspace.environment
                ).status == 0)
            let inbox = workspace.root + "/inbox"
            for name in ["shipments.xml", "stock.csv"] {
                try FileManager.default.copyItem(
                    atPath: repositoryRoot + "/samples/wms/" + name, toPath: inbox + "/" + name)
            }
            try "<Orders/>".write(toFile: inbox + "/wrong.xml", atomically: true, encoding: .utf8)
            let zeros = (1001...1030).map { "\($0);0;\($0);0" }.joined(separator: "\r\n")
            try ("ArticleNumber;SellableNumberOfItems;ProductCode;NumberOfItemsDecimal\r\n" + zeros + "\r\n").write(
                toFile: inbox + "/zero.csv", atomically: true, encoding: .utf8)
            let run = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("inbox zero.csv: held"))
            #expect(run.output.contains("inbox wrong.xml: rejected"))
            #expect(run.output.contains("order 5007 set to OrderState_Sent"))
            #expect(await store.writes.count == 4)  // 5007, 5013, and two stock corrections

            let status = try await runBinary(
                ["status", "--json", "--config", workspace.config], environment: workspace.environment)
            #expect(status.status == 0, "\(status.errors)")
            // Keyed by goods owner, also with one owner.
            let document = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
            let report = (document?["goodsOwners"] as? [String: Any])?["ACME"] as? [String: Any]
            // The held stock file waits in failed/ too, and is listed once: as held.
            #expect((document?["total"] as? [String: Any])?["failedFiles"] as? Int == 1)
            let failed = (report?["failedFiles"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(failed == ["wrong.xml"])
            // Its reason is the first line of the error file beside it.
            let errorFile = try String(contentsOfFile: inbox + "/failed/wrong.xml.error.txt", encoding: .utf8)
            let reason = (report?["failedFiles"] as? [[String: Any]])?.first?["reason"] as? String
            #expect(reason != nil && reason == errorFile.split(separator: "\n").first.map(String.init), "\(errorFile)")
            let held = (report?["heldFiles"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(held == ["zero.csv"])
            let partial = report?["partialShipments"] as? [[String: Any]]
            #expect(partial?.first?["order"] as? String == "5008")
            #expect(report?["archiveIntact"] as? Bool == true)

            let release = try await runBinary(
                ["inbox", "release", "zero.csv", "--config", workspace.config], environment: workspace.environment)
            #expect(release.status == 0, "\(release.errors)")
            let again = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(again.output.contains("inbox zero.csv: processed"), "\(again.output)")
            let stockWrites = await store.writes.filter { $0.operation == "SetStockQuantity" }
            // 1002, 1006, 1013, 1021 and 1026 were at zero already.
            #expect(stockWrites.filter { $0.value == "0" }.count == 30 - 5)
            #expect(
                try await runBinary(
                    ["inbox", "release", "nothing.csv", "--config", workspace.config],
                    environment: workspace.environment
                ).status != 0)
        }
    }

    /// A WMS that sends a bad file every cycle fills `inbox/failed`: status lists the newest with their reasons and
    /// counts them all.
    @Test func statusListsTheNewestFailedFilesAndCountsAll() async throws {
        try await withSimulator { _, url in
            let workspace = try BinaryWorkspace(endpoint: url, extra: "inbox:\n  settle: 1ms")
            #expect(
                try await runBinary(
                    ["run", "--once", "--config", workspace.config], environment: workspace.environment
                ).status == 0)
            let failed = workspace.root + "/inbox/failed"
            try FileManager.default.createDirectory(atPath: failed, withIntermediateDirectories: true)
            let total = OwnerStatus.listedFailedFiles + 23
            let start = Date(timeIntervalSince1970: 1_796_000_000)
            for index in 0..<total {
                let name = String(format: "ship-%03d.csv", (index * 37) % total)
                try "bad".write(toFile: failed + "/" + name, atomically: true, encoding: .utf8)
                try "\(name): line 2: no order number\nline 3: no order number\n".write(
                    toFile: failed + "/" + name + ".error.txt", atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes(
                    [.modificationDate: start.addingTimeInterval(Double(index) * 60)], ofItemAtPath: failed + "/" + name
                )
            }
            let status = try await runBinary(
                ["status", "--json", "--config", workspace.config], environment: workspace.environment)
            #expect(status.status == 0, "\(status.errors)")
            let document = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
            let report = (document?["goodsOwners"] as? [String: Any])?["ACME"] as? [String: Any]
            #expect((document?["total"] as? [String: Any])?["failedFiles"] as? Int == total)
            #expect(report?["failedFileCount"] as? Int == total)
            let listed = report?["failedFiles"] as? [[String: Any]] ?? []
            // The newest first: the one written last, then back in time.
            let expected = (0..<OwnerStatus.listedFailedFiles).map {
                String(format: "ship-%03d.csv", ((total - 1 - $0) * 37) % total)
            }
            #expect(listed.compactMap { $0["name"] as? String } == expected)
            #expect(listed.first?["reason"] as? String == "\(expected[0]): line 2: no order number")

            let text = try await runBinary(
                ["status", "--config", workspace.config], environment: workspace.environment)
            #expect(text.output.contains("Inbox files in failed/: \(total)"), "\(text.output)")
            #expect(text.output.contains("the newest 20 listed"), "\(text.output)")
        }
    }
}
