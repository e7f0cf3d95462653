import Foundation
import Logging
import Testing
import TwentyFourSevenSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary killed at random points while it takes inbox files and writes back: after a restart every
/// shipment has reached 24SevenOffice exactly once and every file is taken.
@Suite(.serialized) struct InboxKillTests {
    @Test func killedWhileWritingBackThenRestartedWritesEachOrderOnce() async throws {
        var logger = Logger(label: "test.simulator")
        logger.logLevel = .critical
        let store = SimulatorStore(
            data: SimulatorData.generated(orders: 120), faults: SimulatorFaults(latency: .milliseconds(100)))
        let simulator = try TwentyFourSevenSimulator(store: store, logger: logger)
        try await simulator.withRunning { url in
            let workspace = try BinaryWorkspace(
                endpoint: url, extra: "inbox:\n  settle: 1ms",
                processes: "processes:\n  articles: false\n  orders: false\n  stock: false")
            let inbox = workspace.root + "/inbox"
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            for index in 1...120 {
                let text =
                    "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill\r\n\(1_000_000 + index);450;2026-11-28T10:00:00;W\(index)\r\n"
                try text.write(toFile: inbox + "/ship-\(index).csv", atomically: true, encoding: .utf8)
            }
            // Kill while files are being taken (after 10, 50 and 90 of them), then twice during the write-backs.
            let processed = { (try? FileManager.default.contentsOfDirectory(atPath: inbox + "/processed").count) ?? 0 }
            var seen: [Int] = []
            for (target, extra) in [(10, 0), (50, 0), (90, 0), (120, 200), (120, 330), (120, 420)] {
                let process = try startBinary(
                    ["run", "--once", "--config", workspace.config, "--log-level", "error"],
                    environment: workspace.environment)
                while process.isRunning && processed() < target { try await Task.sleep(for: .milliseconds(1)) }
                if extra > 0 { try await Task.sleep(for: .milliseconds(extra)) }
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                seen.append(processed())
            }
            let midway = await store.writes.count
            let final = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment, timeout: 120)
            #expect(final.status == 0, "\(final.errors)")
            let writes = await store.writes
            let perOrder = Dictionary(grouping: writes, by: \.id).mapValues(\.count)
            #expect(perOrder.count == 120, "orders written: \(perOrder.count), \(midway) before the last run")
            #expect(
                perOrder.values.allSatisfy { $0 == 1 }, "written more than once: \(perOrder.filter { $0.value > 1 })")
            let left = try FileManager.default.contentsOfDirectory(atPath: inbox).filter {
                !["processed", "failed"].contains($0)
            }
            #expect(left.isEmpty, "left in the inbox: \(left)")
            #expect(seen.first.map { $0 < 120 } == true, "kills landed after taking \(seen) files")
            print("files taken after each kill: \(seen); orders written before the last run: \(midway)")
        }
    }
}
