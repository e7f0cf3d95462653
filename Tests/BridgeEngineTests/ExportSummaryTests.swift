import BridgeEngine
import Testing

/// A run's summary stays bounded however many objects and notices a sync has, and still counts them all.
@Suite struct ExportSummaryTests {
    @Test func noticesAreCountedAllAndListedUpToTheLimit() {
        var summary = ExportSummary(process: "orders")
        summary.report(["first", "second"])
        #expect(summary.notices == ["first", "second"])
        for batch in 0..<30 {
            summary.report((0..<50).map { "notice \(batch)-\($0)" })
        }
        #expect(summary.noticeCount == 1502)
        #expect(summary.notices.count == ExportSummary.listedNotices)
        #expect(summary.notices.prefix(3) == ["first", "second", "notice 0-0"])
        #expect(summary.notices.last == "notice 19-47")
    }
}
