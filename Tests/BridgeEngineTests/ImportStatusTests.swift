import BridgeEngine
import BridgeModel
import Foundation
import Testing
import TwentyFourSevenSimulator

/// With `statusOnImport` set, an order whose outbox file the importer has taken gets that status, once.
@Suite struct ImportStatusTests {
    @Test func takenOrderFilesGetTheImportStatusOnce() async throws {
        try await withSimulator { store, url in
            let workspace = try Workspace()
            let exported = try await makeExporter(url, workspace).exportOrders()
            let rig = try await InboxRig(url, workspace) {
                $0.statusOnImport = .pack
                $0.outbox = workspace.outbox
            }
            try await rig.cycle()
            #expect(await store.writes.isEmpty)  // nothing taken yet
            let taken = exported.written.filter { $0.hasPrefix("order-5007-") || $0.hasPrefix("order-5008-") }
            for name in taken { try FileManager.default.removeItem(atPath: workspace.outbox + "/" + name) }
            try await rig.cycle()
            try await rig.cycle()
            #expect(
                await store.writes == [
                    SimulatorWrite(operation: "SaveInvoices", id: 5007, value: "Pack"),
                    SimulatorWrite(operation: "SaveInvoices", id: 5008, value: "Pack"),
                ])
        }
    }
}
