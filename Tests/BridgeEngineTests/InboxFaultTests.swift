import BridgeEngine
import Foundation
import Testing
import TwentyFourSevenSimulator

/// With 24SevenOffice failing 30% of calls and expiring sessions, every shipment and stock difference still
/// reaches it exactly once.
@Suite struct InboxFaultTests {
    @Test func everyWriteBackLandsOnceThroughFailuresAndExpiredSessions() async throws {
        let faults = SimulatorFaults(serverErrorRate: 0.15, dropRate: 0.15, sessionLifetimeCalls: 3, seed: 2026)
        try await withSimulator { store, url in
            await store.setFaults(faults)
            let rig = try await InboxRig(url, try Workspace(), maxAttempts: 2)
            for name in ["shipments.xml", "shipments.csv", "stock.xml", "stock.csv"] { try rig.dropSample(name) }
            var outcomes: [InboxOutcome] = []
            for _ in 0..<10 {
                let (taken, _) = try await rig.cycle(maxPasses: 40)
                outcomes += taken
                if try rig.files("").filter({ !["processed", "failed"].contains($0) }).isEmpty { break }
            }
            #expect(outcomes.filter { $0.result == .processed }.count == 4, "\(outcomes)")
            let writes = await store.writes
            let expected: [SimulatorWrite] = [
                SimulatorWrite(operation: "SaveInvoices", id: 5007, value: "OrderState_Sent"),
                SimulatorWrite(operation: "SaveInvoices", id: 5010, value: "OrderState_Sent"),
                SimulatorWrite(operation: "SaveInvoices", id: 5011, value: "OrderState_Sent"),
                SimulatorWrite(operation: "SaveInvoices", id: 5013, value: "OrderState_Sent"),
                SimulatorWrite(operation: "SetStockQuantity", id: 1001, value: "21"),
                SimulatorWrite(operation: "SetStockQuantity", id: 1005, value: "10"),
                SimulatorWrite(operation: "SetStockQuantity", id: 1011, value: "110"),
                SimulatorWrite(operation: "SetStockQuantity", id: 1015, value: "7"),
                SimulatorWrite(operation: "SetStockQuantity", id: 1025, value: "180.5"),
            ]
            #expect(writes.sorted { ($0.operation, $0.id) < ($1.operation, $1.id) } == expected, "\(writes)")
            let failures = await store.calls.filter { ["http500", "dropped", "unauthenticated"].contains($0.outcome) }
            #expect(failures.count >= 5, "the faults must actually have happened")
            #expect(try await rig.store.writeBacks(in: [.pending]).isEmpty)
        }
    }
}
