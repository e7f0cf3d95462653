import Foundation
import Testing
import TwentyFourSevenSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// `orders.statusOnImport` in the real binary: an order whose file the importer took out of the outbox, and an order
/// the WMS acknowledged, get that status in 24SevenOffice, once; in `run --once` and in the daemon.
@Suite(.serialized) struct ImportStatusBinaryTests {
    static let extra = "inbox:\n  settle: 1ms\norders:\n  statusOnImport: Pack"

    @Test func runOnceSetsTheImportStatusForTakenFilesAndAcknowledgements() async throws {
        try await withSimulator { store, url in
            let workspace = try BinaryWorkspace(endpoint: url, extra: Self.extra)
            let first = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(first.status == 0, "\(first.output)\(first.errors)")
            #expect(await store.writes.isEmpty)
            // The importer takes order 5007's file; the WMS acknowledges order 5016.
            let taken = try #require(try workspace.files("out").first { $0.hasPrefix("order-5007-") })
            try FileManager.default.removeItem(atPath: workspace.root + "/out/" + taken)
            try FileManager.default.createDirectory(
                atPath: workspace.root + "/inbox", withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: repositoryRoot + "/samples/wms/acknowledgement.xml",
                toPath: workspace.root + "/inbox/acknowledgement.xml")
            let second = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(second.status == 0, "\(second.output)\(second.errors)")
            #expect(
                second.output.contains("order 5007 set to Pack") && second.output.contains("order 5016 set to Pack"))
            let third = try await runBinary(
                ["run", "--once", "--config", workspace.config], environment: workspace.environment)
            #expect(third.status == 0)
            let writes = await store.writes.filter { $0.operation == "SaveInvoices" }
            #expect(writes.map(\.id).sorted() == [5007, 5016] && writes.allSatisfy { $0.value == "Pack" }, "\(writes)")
        }
    }

    @Test func theDaemonSetsTheImportStatusWhenTheImporterTakesAFile() async throws {
        try await withSimulator { store, url in
            let workspace = try BinaryWorkspace(endpoint: url, extra: Self.extra + "\ninterval: 1s\n  \n")
            let daemon = try startBinary(
                ["run", "--config", workspace.config, "--log-level", "error"], environment: workspace.environment)
            defer {
                kill(daemon.processIdentifier, SIGTERM)
                daemon.waitUntilExit()
            }
            let soak = Soak(workspace: workspace, store: store)
            #expect(
                try await soak.until(.seconds(20)) {
                    try workspace.files("out").contains { $0.hasPrefix("order-5008-") }
                })
            let taken = try #require(try workspace.files("out").first { $0.hasPrefix("order-5008-") })
            try FileManager.default.removeItem(atPath: workspace.root + "/out/" + taken)
            #expect(try await soak.until(.seconds(10)) { await store.orderStatus(5008) == "Pack" })
            #expect(await store.writes.filter { $0.operation == "SaveInvoices" }.map(\.id) == [5008])
        }
    }
}
