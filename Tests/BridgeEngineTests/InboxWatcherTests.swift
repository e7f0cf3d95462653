import BridgeEngine
import Foundation
import Logging
import ServiceLifecycle
import Testing
import TwentyFourSevenSimulator

/// The watcher reacts to a dropped file within a second, keeps going after bad files, and stops cleanly.
@Suite struct InboxWatcherTests {
    @Test func aDroppedFileIsTakenWithinASecondAndBadFilesDoNotStopTheWatcher() async throws {
        try await withSimulator { store, url in
            let rig = try InboxRig(url, try Workspace())
            var logger = Logger(label: "test.watcher")
            logger.logLevel = .critical
            let watcher = InboxWatcher(
                processor: rig.processor, runner: rig.runner, inbox: rig.inbox, rescan: .seconds(30), logger: logger)
            let group = ServiceGroup(configuration: .init(services: [watcher], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await Task.sleep(for: .milliseconds(300))
                try rig.drop("broken.xml", "<GetOrdersByQueryResponse><Orders>")
                try rig.drop("garbage.csv", "nothing;to;see\r\n")
                // The bad files are refused and the watcher carries on.
                while try rig.files("failed").count < 4 { try await Task.sleep(for: .milliseconds(10)) }
                let dropped = ContinuousClock.now
                try rig.dropSample("shipments.csv")
                // Reacting means taking the file: within a second of it appearing (the write-back follows at once).
                while try !rig.files("processed").contains("shipments.csv")
                    && ContinuousClock.now - dropped < .seconds(5)
                {
                    try await Task.sleep(for: .milliseconds(5))
                }
                let elapsed = ContinuousClock.now - dropped
                #expect(elapsed < .seconds(1), "took \(elapsed)")
                while await store.writes.count < 2 && ContinuousClock.now - dropped < .seconds(10) {
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(await store.writes.map(\.id) == [5010, 5011])
                #expect(try rig.files("failed").contains("broken.xml.error.txt"))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}
