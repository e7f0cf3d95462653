import BridgeEngine
import Foundation
import Logging
import ServiceLifecycle
import Testing
import TwentyFourSevenSimulator

/// The daemon's inbox services over one runtime: a dropped file is taken on its file event (the rescan tick is an hour
/// away), bad files do not stop the intake, the write-back follows at once, and the services stop cleanly.
///
/// How fast it reacts is measured by `scripts/bench_inbox.py`, not here.
@Suite struct InboxWatcherTests {
    @Test func aDroppedFileIsTakenWithinASecondAndBadFilesDoNotStopTheIntake() async throws {
        try await withSimulator { store, url in
            let rig = try await InboxRig(url, try Workspace(), rescan: .seconds(3600))
            var logger = Logger(label: "test.watcher")
            logger.logLevel = .critical
            let services = rig.owner.services(clock: ContinuousClock()).filter {
                !($0 is ExportService<ContinuousClock>)
            }
            #expect(services.count == 2)
            let group = ServiceGroup(
                configuration: .init(services: services.map { .init(service: $0) }, logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try rig.drop("broken.xml", "<GetOrdersByQueryResponse><Orders>")
                try rig.drop("garbage.csv", "nothing;to;see\r\n")
                // The bad files are refused and the intake carries on.
                #expect(try await eventually { try rig.files("failed").count == 4 })
                try rig.dropSample("shipments.csv")
                // Taken on the file event: without it, the next look would be an hour away.
                #expect(try await eventually { try rig.files("processed").contains("shipments.csv") })
                #expect(try await eventually { await store.writes.count == 2 })
                #expect(await store.writes.map(\.id) == [5010, 5011])
                #expect(try rig.files("failed").contains("broken.xml.error.txt"))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}

/// Polls `condition` until it holds or `limit` has passed; whether it held.
///
/// The limit only bounds a failure: it is generous because the suites share one process and its blocking pool, and a
/// large export in a neighbouring suite (``PipelinedCrashTests``) can keep every thread of it busy for seconds.
func eventually(_ limit: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}
