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
                let dropped = ContinuousClock.now
                try rig.dropSample("shipments.csv")
                while await store.writes.count < 2 && ContinuousClock.now - dropped < .seconds(5) {
                    try await Task.sleep(for: .milliseconds(10))
                }
                let elapsed = ContinuousClock.now - dropped
                #expect(await store.writes.map(\.id) == [5010, 5011])
                #expect(elapsed < .seconds(1), "took \(elapsed)")
                #expect(try rig.files("failed").contains("broken.xml.error.txt"))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}
