import BridgeEngine
import Foundation
import Testing

/// `status` reads the state file itself, not a copy in memory, and never writes to it.
@Suite struct StateDatabaseReadingTests {
    @Test func theFileIsReadInPlaceAndLeftAsItWas() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sevenbridge-reading-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = Date(timeIntervalSince1970: 1_790_000_000)
        do {
            let database = try StateDatabase(folder: folder)
            try await database.store(goodsOwner: "ACME").advanceWatermark("orders", to: written)
        }
        let file = folder + "/sevenbridge.sqlite"
        let before = try Data(contentsOf: URL(fileURLWithPath: file))

        let reading = try StateDatabase(readingFolder: folder)
        #expect(reading.path == file, "the file itself, not a copy in memory")
        let store = reading.store(goodsOwner: "ACME")
        #expect(try await store.watermark("orders") == written)
        #expect(store.isDryRun)
        try await store.recordNextRun(["orders"], at: written)  // a reader records nothing
        #expect(try await store.nextRuns().isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    @Test func aFolderWithoutStateIsAnEmptyCopyInMemory() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sevenbridge-reading-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reading = try StateDatabase(readingFolder: folder)
        #expect(reading.path == nil)
        #expect(try await reading.store(goodsOwner: "ACME").lastRuns().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder + "/sevenbridge.sqlite"))
    }
}
