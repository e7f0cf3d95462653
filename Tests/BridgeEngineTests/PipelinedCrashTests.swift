import BridgeEngine
import Foundation
import Logging
import Testing
import TwentyFourSevenSimulator

/// Crash windows that only the overlapped commit opens: a batch's hidden files being written while the batch before
/// it is archived, synced and renamed into view.
///
/// The crashing step is held until the next batch has written part of its files, so that each case crashes with two
/// batches in flight; then a new runtime over the same folders completes the export. Every order reaches the outbox
/// exactly once, in its XML file and in one CSV file, no hidden file is left, and the archive verifies. The cases run
/// one at a time: each holds a thread of the process's shared pool while it waits.
@Suite(.serialized) struct PipelinedCrashTests {
    /// 2,100 orders: batches of 1,000, 1,000 and 100.
    static let orders = 2100

    /// Where to crash, and the step of the next batch that must have been taken first.
    static let windows: [(CrashingFileSystem.Step, Int, String, hold: (CrashingFileSystem.Step, Int, String))] = [
        // Batch 1's syncfs, batch 2 writing its hidden files.
        (.syncFileSystem, 1, "", hold: (.write, 1001, "/outbox/")),
        // Batch 1 archived, its first file renamed into view, batch 2 writing.
        (.rename, 2, "/outbox/order-", hold: (.write, 1001, "/outbox/")),
        // Batch 1's manifest records, batch 2 half written.
        (.append, 1, "manifest", hold: (.write, 1500, "/outbox/")),
        // Batch 1 in view, its folder flush, batch 2 written.
        (.syncFolder, 1, "/outbox", hold: (.write, 2000, "/outbox/")),
        // Batch 2's syncfs, batch 3 writing (batch 1's keys recorded as written with batch 3's pending record).
        (.syncFileSystem, 2, "", hold: (.write, 2001, "/outbox/")),
    ]

    @Test(arguments: 0..<windows.count)
    func aCrashWithTwoBatchesInFlightIsCompletedExactlyOnce(window index: Int) async throws {
        let (step, count, path, hold) = Self.windows[index]
        try await withSimulator(data: .generated(orders: Self.orders)) { _, url in
            let workspace = try Workspace()
            let crashing = CrashingFileSystem(at: step, count: count, path: path, holdUntil: hold)
            let settings = ownerSettings(workspace)
            let first = try await makeOwner(makeClient(url), settings, state: workspace.state, files: crashing)
            await #expect(throws: (any Error).self) { _ = try await first.exporter.exportOrders() }
            #expect(crashing.crashed, "the export never reached \(step) #\(count) of \(path)")
            #expect(crashing.heldStepTaken, "the next batch never reached \(hold) while \(step) #\(count) waited")
            let second = try await makeOwner(makeClient(url), settings, state: workspace.state)
            _ = try await second.exporter.exportOrders()
            let files = try workspace.allOutboxFiles()
            #expect(files.allSatisfy { !$0.hasPrefix(".") }, "hidden files left: \(files.filter { $0.hasPrefix(".") })")
            let orders = files.filter { $0.hasPrefix("order-") }.map { $0.split(separator: "-")[1] }
            #expect(orders.count == Self.orders, "\(orders.count) order files")
            #expect(Set(orders).count == Self.orders, "an order twice")
            let csv = files.filter { $0.hasSuffix(".csv") }
            #expect(csv.count == 1, "\(csv)")
            let rows = try workspace.csvOrderRows()
            #expect(Set(rows.map(\.order)).count == Self.orders, "every order in the CSV")
            #expect(Set(rows.map { "\($0.order);\($0.line)" }).count == rows.count, "a row twice in the CSV")
            let report = try ArchiveVerifier.verify(root: workspace.archive)
            #expect(report.isIntact, "\(report.problems)")
            let pending = try await second.store.pendingExports()
            #expect(pending.isEmpty, "left pending: \(pending.count)")
        }
    }
}
