import Foundation
import Logging
import Testing
import TwentyFourSevenSimulator

@testable import BridgeEngine

/// Crash windows that only the overlapped commit opens: a commit unit's hidden files being written while the unit before
/// it is archived, synced and renamed into view.
///
/// The crashing step is held until the next unit has written part of its files, so that each case crashes with two
/// units in flight; then a new runtime over the same folders completes the export. Every order reaches the outbox
/// exactly once, in its XML file and in one CSV file, no hidden file is left, and the archive verifies. The cases run
/// one at a time: each holds a thread of the process's shared pool while it waits.
@Suite(.serialized) struct PipelinedCrashTests {
    /// 2,100 orders: fetched in batches of 1,000, 1,000 and 100, committed in units of at most
    /// `OutboxSession.commitUnit` (250: four units per full batch, then one of 100).
    static let orders = 2100
    /// The size of a commit unit.
    static let unit = OutboxSession.commitUnit

    /// Where to crash, and the step of the next unit that must have been taken first.
    static let windows: [(CrashingFileSystem.Step, Int, String, hold: (CrashingFileSystem.Step, Int, String))] = [
        // Unit 1's syncfs, unit 2 writing its hidden files.
        (.syncFileSystem, 1, "", hold: (.write, unit + 1, "/outbox/")),
        // Unit 1 archived, its second file renamed into view, unit 2 writing.
        (.rename, 2, "/outbox/order-", hold: (.write, unit + 1, "/outbox/")),
        // Unit 1's manifest records, unit 2 half written.
        (.append, 1, "manifest", hold: (.write, unit + unit / 2, "/outbox/")),
        // Unit 2's first rename, unit 3 writing: unit 1's renames were made durable by unit 2's syncfs (a unit's folder
        // is not flushed on its own) but are not yet recorded as written.
        (.rename, unit + 1, "/outbox/order-", hold: (.write, 2 * unit + 1, "/outbox/")),
        // Unit 2's syncfs, unit 3 writing (the first unit of the second fetched batch); unit 1's keys are recorded as
        // written with unit 3's pending record.
        (.syncFileSystem, 2, "", hold: (.write, 2 * unit + 1, "/outbox/")),
    ]

    @Test(arguments: 0..<windows.count)
    func aCrashWithTwoUnitsInFlightIsCompletedExactlyOnce(window index: Int) async throws {
        let (step, count, path, hold) = Self.windows[index]
        try await withSimulator(data: .generated(orders: Self.orders)) { _, url in
            let workspace = try Workspace()
            let crashing = CrashingFileSystem(at: step, count: count, path: path, holdUntil: hold)
            let settings = ownerSettings(workspace)
            let first = try await makeOwner(makeClient(url), settings, state: workspace.state, files: crashing)
            await #expect(throws: (any Error).self) { _ = try await first.exporter.exportOrders() }
            #expect(crashing.crashed, "the export never reached \(step) #\(count) of \(path)")
            #expect(crashing.heldStepTaken, "the next unit never reached \(hold) while \(step) #\(count) waited")
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
