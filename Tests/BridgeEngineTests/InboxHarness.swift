import BridgeEngine
import BridgeModel
import Foundation
import Logging
import Synchronization
import TwentyFourSeven
import TwentyFourSevenSimulator

/// The inbox side over a workspace: processor, write-back runner, and a clock tests can move.
struct InboxRig {
    let workspace: Workspace
    let store: StateStore
    let processor: InboxProcessor
    let runner: WriteBackRunner
    let clock: TestClock

    var inbox: String { workspace.root + "/inbox" }

    init(
        _ url: String, _ workspace: Workspace, settings: (inout InboxSettings) -> Void = { _ in }, maxAttempts: Int = 4
    ) throws {
        self.workspace = workspace
        var logger = Logger(label: "test.inbox")
        logger.logLevel = .critical
        let demo = SimulatorCredentials.demo
        let client = TwentyFourSevenClient(
            configuration: TwentyFourSevenConfiguration(
                endpoint: url,
                credential: Credential(
                    applicationId: demo.applicationId, username: demo.username, password: demo.password),
                maxAttempts: maxAttempts, initialBackoff: .milliseconds(2), maxBackoff: .milliseconds(10)),
            transport: HTTPClientTransport(timeoutSeconds: 10), logger: logger)
        let store = try StateStore(folder: workspace.state, goodsOwner: "ACME")
        var inboxSettings = InboxSettings(inbox: workspace.root + "/inbox", settle: 0)
        settings(&inboxSettings)
        try FileManager.default.createDirectory(atPath: inboxSettings.inbox, withIntermediateDirectories: true)
        let clock = TestClock()
        let now: @Sendable () -> Date = { clock.now }
        self.store = store
        self.clock = clock
        self.processor = InboxProcessor(
            store: store, archive: try Archive(root: workspace.archive), client: client, settings: inboxSettings,
            logger: logger, now: now)
        self.runner = WriteBackRunner(client: client, store: store, logger: logger, now: now)
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
