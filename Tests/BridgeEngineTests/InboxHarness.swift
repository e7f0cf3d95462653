import BridgeEngine
import BridgeModel
import Foundation
import Logging
import Synchronization
import TwentyFourSeven
import TwentyFourSevenSimulator

/// The inbox side of a new runtime over a workspace: processor, write-back runner, and a clock tests can move.
struct InboxRig {
    let workspace: Workspace
    let owner: OwnerRuntime
    let clock: TestClock

    var store: StateStore { owner.store }
    var processor: InboxProcessor { owner.inbox }
    var runner: WriteBackRunner { owner.writeBacks }
    var inbox: String { workspace.root + "/inbox" }

    init(
        _ url: String, _ workspace: Workspace, rescan: Duration = .seconds(10),
        settings: (inout InboxSettings) -> Void = { _ in }, maxAttempts: Int = 4
    ) async throws {
        self.workspace = workspace
        let clock = TestClock()
        self.clock = clock
        self.owner = try await makeOwner(
            makeClient(url, maxAttempts: maxAttempts), ownerSettings(workspace, rescan: rescan, inbox: settings),
            state: workspace.state,
            now: { clock.now })
        try FileManager.default.createDirectory(atPath: owner.settings.inbox.inbox, withIntermediateDirectories: true)
    }

    /// Drops a file into the inbox.
    func drop(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: inbox + "/" + name))
    }

    /// Drops raw bytes into the inbox.
    func drop(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: inbox + "/" + name))
    }

    /// Drops a sample WMS file.
    func dropSample(_ name: String, as target: String? = nil) throws {
        try FileManager.default.copyItem(
            atPath: sampleDataDirectory + "/../wms/" + name, toPath: inbox + "/" + (target ?? name))
    }

    /// Processes the inbox, then runs the write-backs until none is due, moving the clock past each delay.
    @discardableResult
    func cycle(maxPasses: Int = 30) async throws -> ([InboxOutcome], WriteBackRunner.Summary) {
        let outcomes = await processor.processReady()
        var total = WriteBackRunner.Summary()
        for _ in 0..<maxPasses {
            let summary = try await runner.runDue()
            total.written += summary.written
            total.refused += summary.refused
            total.skipped += summary.skipped
            total.pending = summary.pending
            if summary.pending == 0 { break }
            clock.advance(by: 3700)
        }
        return (outcomes, total)
    }

    func files(_ folder: String) throws -> [String] {
        let path = inbox + "/" + folder
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

/// Real time plus an offset that tests move forward by hand (to make delayed retries due).
final class TestClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func advance(by seconds: TimeInterval) {
        offset.withLock { $0 += seconds }
    }
}
