import BridgeModel
import Foundation
import Testing
import TwentyFourSevenSimulator
import XMLStream

#if canImport(Glibc)
    import Glibc
#endif

/// The `run` daemon as the real binary: exports on schedule, takes a shipment file on its file event (the rescan tick
/// is an hour away), stops cleanly on SIGTERM in the middle of work, and resumes after a restart without loss or
/// duplicates.
///
/// How fast it reacts is measured by `scripts/bench_inbox.py`.
@Suite(.serialized) struct DaemonTests {
    func start(_ workspace: BinaryWorkspace) throws -> Process {
        let daemon = try startBinary(
            ["run", "--config", workspace.config, "--log-level", "error"], environment: workspace.environment)
        return daemon
    }

    @Test func exportsOnScheduleReactsWithinASecondStopsCleanlyAndResumes() async throws {
        try await withSimulator { store, url in
            let workspace = try BinaryWorkspace(
                endpoint: url, extra: "interval: 1s\ninbox:\n  settle: 1ms\n  rescan: 1h")
            let inbox = workspace.root + "/inbox"
            var daemon = try start(workspace)
            #expect(
                try await eventually(.seconds(10)) {
                    try workspace.files("out").filter { $0.hasSuffix(".xml") }.count == 48
                })

            // On schedule: an order edited in 24SevenOffice is exported again by the next cycle.
            await store.editOrder(5016) { $0 = $0.setting("InvoiceTitle", to: "Ny kommentar") }
            #expect(
                try await eventually(.seconds(5)) {
                    try workspace.files("out").filter { $0.hasPrefix("order-5016-") }.count == 2
                })

            // On the file event, not the rescan, the shipment file is taken and its order is Sent in 24SevenOffice.
            let csv = "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill\r\n5017;450;;W1\r\n"
            try csv.write(toFile: inbox + "/.ship.tmp", atomically: false, encoding: .utf8)
            try FileManager.default.moveItem(atPath: inbox + "/.ship.tmp", toPath: inbox + "/ship.csv")
            #expect(try await eventually(.seconds(5)) { try workspace.files("inbox/processed").contains("ship.csv") })
            #expect(try await eventually(.seconds(5)) { await store.orderStatus(5017) == "OrderState_Sent" })

            // SIGTERM in the middle of work: thirty files arrive, the daemon is stopped while taking them.
            for number in [5007, 5008, 5010, 5011, 5013, 5014, 5016, 5019, 5020] {
                try "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill\r\n\(number);450;;W\r\n".write(
                    toFile: inbox + "/s-\(number).csv", atomically: true, encoding: .utf8)
            }
            // Stopped once it has begun on them (a file has left the inbox), not after a guessed delay.
            let begun = try await eventually(.seconds(10)) {
                try FileManager.default.contentsOfDirectory(atPath: inbox).filter { $0.hasSuffix(".csv") }.count < 9
            }
            #expect(begun)
            kill(daemon.processIdentifier, SIGTERM)
            daemon.waitUntilExit()
            #expect(daemon.terminationStatus == 0)
            #expect(daemon.terminationReason == .exit)

            daemon = try start(workspace)
            defer {
                kill(daemon.processIdentifier, SIGTERM)
                daemon.waitUntilExit()
            }
            let resumed = try await eventually(.seconds(10)) {
                let waiting = try FileManager.default.contentsOfDirectory(atPath: inbox).filter { $0.hasSuffix(".csv") }
                let saved = await store.writes.filter { $0.operation == "SaveInvoices" }.count
                return waiting.isEmpty && saved == 10
            }
            #expect(resumed)
            let writes = await store.writes.filter { $0.operation == "SaveInvoices" }
            #expect(Set(writes.map(\.id)).count == writes.count, "duplicates: \(writes)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.root + "/out").filter {
                $0.hasPrefix(".")
            }
            #expect(leftovers.isEmpty)
        }
    }
}
