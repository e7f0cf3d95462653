import Foundation
import StatusServer
import Testing

/// The status page of the fixture, byte for byte.
///
/// When the page changes on purpose, rewrite the golden file and review its diff:
///
///     SEVENBRIDGE_UPDATE_GOLDEN=1 swift test --skip-build --filter StatusPageGoldenTests
@Suite struct StatusPageGoldenTests {
    @Test func theFixtureRendersAsTheGoldenPage() throws {
        let page = try StatusPage.render(StatusPageFixture.status(), now: StatusPageFixture.now)
        let golden = StatusPageFixture.goldenPage
        if ProcessInfo.processInfo.environment["SEVENBRIDGE_UPDATE_GOLDEN"] == "1" {
            try Data(page.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        guard page != expected else { return }
        let pageLines = page.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first =
            Array(zip(pageLines, expectedLines)).firstIndex { $0 != $1 } ?? min(pageLines.count, expectedLines.count)
        let rendered = first < pageLines.count ? String(pageLines[first]) : "(end of page)"
        let wanted = first < expectedLines.count ? String(expectedLines[first]) : "(end of page)"
        Issue.record(
            """
            The page differs from \(golden.lastPathComponent) from line \(first + 1):
              rendered: \(rendered)
              golden:   \(wanted)
            If the change is meant, rerun with SEVENBRIDGE_UPDATE_GOLDEN=1 and review the golden file's diff.
            """)
    }
}
