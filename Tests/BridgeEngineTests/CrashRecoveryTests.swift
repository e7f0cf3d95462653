import BridgeEngine
import BridgeModel
import Foundation
import Testing
import TwentyFourSevenSimulator

/// Crash windows without killing a process: a runtime whose file system dies at a chosen step, then a new runtime over
/// the same folders.
///
/// Whatever the step, every object reaches the outbox exactly once, no hidden file is left, every inbox file is taken
/// once and journaled once, and the archive verifies.
@Suite struct CrashRecoveryTests {
    /// Every file-system step an order export makes, by kind and the folder it touches: hidden outbox files, the
    /// archive segment, the one syncfs that makes the batch durable, the renames, the folder flushes, the manifest, and
    /// the CSV file's archive copy, built in `.staging/` while the rows are written and moved into place at the end.
    static let exportSteps: [(CrashingFileSystem.Step, Int, String)] = [
        (.create, 1, "/archive/.staging/"),
        (.write, 1, "/outbox/"), (.write, 5, "/outbox/"), (.write, 1, "/archive/"), (.syncFileSystem, 1, ""),
        (.rename, 1, "/archive/"), (.rename, 1, "/outbox/order-"), (.rename, 6, "/outbox/order-"),
        (.syncFolder, 1, "/outbox"), (.append, 1, "manifest"), (.create, 1, "/outbox/"), (.rename, 1, ".csv"),
        (.syncFolder, 1, "/archive/"), (.append, 2, "manifest"),
    ]

    @Test(arguments: 0..<exportSteps.count)
    func anExportCrashedAtAnyStepIsCompletedExactlyOnce(step index: Int) async throws {
        let (step, count, path) = Self.exportSteps[index]
        try await withSimulator { _, url in
            let workspace = try Workspace()
            let crashing = CrashingFileSystem(at: step, count: count, path: path)
            let settings = ownerSettings(workspace)
            let first = try await makeOwner(makeClient(url), settings, state: workspace.state, files: crashing)
            await #expect(throws: (any Error).self) { _ = try await first.exporter.exportOrders() }
            #expect(crashing.crashed, "the export never reached \(step) #\(count) of \(path)")
            let second = try await makeOwner(makeClient(url), settings, state: workspace.state)
            let summary = try await second.exporter.exportOrders()
            let files = try workspace.allOutboxFiles()
            #expect(files.allSatisfy { !$0.hasPrefix(".") }, "hidden files left: \(files.filter { $0.hasPrefix(".") })")
            let orders = files.filter { $0.hasPrefix("order-") }
            #expect(orders.count == 10, "\(orders)")
            #expect(Set(orders.map { $0.split(separator: "-")[1] }).count == 10, "an order twice: \(orders)")
            #expect(files.filter { $0.hasSuffix(".csv") }.count == 1, "\(files)")
            let rows = try workspace.csvOrderRows()
            let inCSV = Set(rows.map { String($0.order) })
            #expect(inCSV.count == 10, "every order in the CSV: \(inCSV.sorted()), \(summary)")
            #expect(Set(rows.map { "\($0.order);\($0.line)" }).count == rows.count, "a row twice in the CSV")
            let report = try ArchiveVerifier.verify(root: workspace.archive)
            #expect(report.isIntact, "\(report.problems)")
            let staged = (try? FileManager.default.contentsOfDirectory(atPath: workspace.archive + "/.staging")) ?? []
            #expect(staged.isEmpty, "unfinished archive copies left: \(staged)")
        }
    }

    @Test(arguments: [
        (CrashingFileSystem.Step.rename, 1, "/processed/"), (.syncFolder, 1, "/processed"),
        (.write, 1, "/processed/"), (.append, 1, "manifest"), (.rename, 1, "/archive/"),
    ])
    func anInboxFileCrashedAtAnyStepIsTakenOnceAndJournaledOnce(
        step: CrashingFileSystem.Step, count: Int, path: String
    ) async throws {
        let workspace = try Workspace()
        let erp = MemoryERP(products: [Product(id: 1001, stock: 24), Product(id: 1002, stock: 5)])
        await erp.setDown(true)
        try FileManager.default.createDirectory(atPath: workspace.root + "/inbox", withIntermediateDirectories: true)
        // A row that cannot be used, so that a report is written beside the file.
        try
            "ArticleNumber;SellableNumberOfItems;ProductCode;NumberOfItemsDecimal\r\nA;8;1001;8\r\nB;6;1002;6\r\nC;-1;;-1\r\n"
            .write(toFile: workspace.root + "/inbox/stock.csv", atomically: true, encoding: .utf8)
        let crashing = CrashingFileSystem(at: step, count: count, path: path)
        let first = try await makeOwner(erp, ownerSettings(workspace), state: workspace.state, files: crashing)
        _ = await first.inbox.processReady()
        #expect(crashing.crashed)
        let second = try await makeOwner(erp, ownerSettings(workspace), state: workspace.state)
        _ = await second.inbox.processReady()
        let inbox = try FileManager.default.contentsOfDirectory(atPath: workspace.root + "/inbox").filter {
            $0 != "processed"
        }
        #expect(inbox.isEmpty, "left in the inbox: \(inbox)")
        let processed = try FileManager.default.contentsOfDirectory(atPath: workspace.root + "/inbox/processed")
        #expect(processed.filter { $0.hasPrefix("stock") && $0.hasSuffix(".csv") } == ["stock.csv"], "\(processed)")
        #expect(try await second.store.writeBacks(in: [.pending]).count == 2)
        let journal = try await second.store.writeBacks(in: [.pending, .done, .skipped, .refused, .superseded])
        #expect(journal.count == 2, "journaled twice: \(journal.map(\.state))")
        let report = try ArchiveVerifier.verify(root: workspace.archive)
        #expect(report.isIntact && report.records == 1, "archived once: \(report)")
    }

    /// A crash between two journal batches of a large file leaves it in the inbox, `processing`, with its first
    /// thousand instructions journaled: taking it again journals the rest and nothing twice.
    @Test func aFileResumedBetweenJournalBatchesJournalsNothingTwice() async throws {
        let workspace = try Workspace()
        let erp = MemoryERP(products: (1...1500).map { Product(id: $0, stock: 1) })
        await erp.setDown(true)
        let inbox = workspace.root + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let rows = (1...1500).map { "A\($0);7;\($0);7\r\n" }.joined()
        try ("ArticleNumber;SellableNumberOfItems;ProductCode;NumberOfItemsDecimal\r\n" + rows)
            .write(toFile: inbox + "/stock.csv", atomically: true, encoding: .utf8)
        let first = try await makeOwner(erp, ownerSettings(workspace), state: workspace.state)
        _ = await first.inbox.processReady()
        // What a crash after the first batch leaves: the file still in the inbox, its state `processing`.
        try FileManager.default.moveItem(atPath: inbox + "/processed/stock.csv", toPath: inbox + "/stock.csv")
        let sha = ArchiveFormat.sha256(Array(try Data(contentsOf: URL(fileURLWithPath: inbox + "/stock.csv"))))
        try await first.store.finishInboxFile(
            sha256: sha, name: "stock.csv", result: InboxFileState.processing.rawValue, detail: nil, now: Date())
        let second = try await makeOwner(erp, ownerSettings(workspace), state: workspace.state)
        #expect(await second.inbox.processReady().map(\.result) == [.processed])
        let journal = try await second.store.writeBacks(
            in: [.pending, .done, .skipped, .refused, .superseded], limit: 5000)
        #expect(journal.count == 1500, "journaled twice: \(journal.count)")
        #expect(try ArchiveVerifier.verify(root: workspace.archive).records == 1)
    }
}
