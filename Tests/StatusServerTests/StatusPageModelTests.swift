import BridgeEngine
import Foundation
import Testing

@testable import StatusServer

/// The status page's formatting: relative times, sizes, counts and how states become tones.
@Suite struct StatusPageModelTests {
    @Test(
        arguments: [
            (-3, "just now"), (4.4, "just now"), (-42, "42 s ago"), (30, "in 30 s"), (-178, "2 min ago"),
            (-3_599, "59 min ago"), (-3_600, "1 h ago"), (-28_795, "7 h 59 min ago"), (360, "in 6 min"),
            (-86_400, "1 day ago"), (-90_000, "1 day 1 h ago"), (-3 * 86_400 - 7_200, "3 days 2 h ago"),
        ] as [(TimeInterval, String)])
    func relativeTimes(offset: TimeInterval, words: String) {
        #expect(StatusPageTime.relative(offset) == words)
    }

    @Test func aTimeIsShownRelativeAndExact() {
        let now = Date(timeIntervalSince1970: 1_796_187_840)  // 2026-12-02T05:04:00Z
        let time = StatusPageTime("2026-12-02T05:01:02Z", now: now)
        #expect(
            time
                == StatusPageTime(
                    iso: "2026-12-02T05:01:02Z", absolute: "2026-12-02 05:01:02 UTC", relative: "2 min ago"))
        #expect(StatusPageTime("yesterday", now: now).relative == "yesterday")
    }

    @Test(
        arguments: [
            (0, "0 B"), (1_023, "1023 B"), (1_024, "1.0 KiB"), (1_536, "1.5 KiB"), (734_003_200, "700.0 MiB"),
            (5_368_709_120, "5.0 GiB"),
        ] as [(Int, String)])
    func sizes(bytes: Int, words: String) {
        #expect(StatusPageText.bytes(bytes) == words)
    }

    @Test func countsAndAnchors() {
        #expect(StatusPageText.count(18_342) == "18,342")
        #expect(StatusPageText.count(999) == "999")
        #expect(StatusPageText.count(1_000_000) == "1,000,000")
        #expect(StatusPageText.count(-1_500) == "-1,500")
        #expect(StatusPageText.count(1, "alert") == "1 alert")
        #expect(StatusPageText.count(2, "alert") == "2 alerts")
        #expect(StatusPageText.anchor("ACME") == "ACME")
        #expect(StatusPageText.anchor("A B/\"C\"") == "A-B--C-")
    }

    @Test func anOwnersToneIsTheWorstOfWhatItShows() throws {
        let status = try StatusPageFixture.status()
        #expect(StatusPageOwner.tone(of: status.owners[0]) == .bad)
        #expect(StatusPageOwner.tone(of: status.owners[1]) == .ok)
        var held = status.owners[1]
        held.heldFiles = status.owners[0].heldFiles
        held.alerts = [Alert(kind: .stockFileHeld, message: "stock file held: stock-1.csv")]
        #expect(StatusPageOwner.tone(of: held) == .warn)
        #expect(StatusPageChip.overall(.warn) == StatusPageChip("WARNING", .warn))
        let model = StatusPageModel(status, now: StatusPageFixture.now)
        #expect(model.chip == StatusPageChip("ACTION NEEDED", .bad))
        #expect(model.alerts.count == 5 && model.showSummary)
    }
}
