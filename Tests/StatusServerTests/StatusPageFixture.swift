import Foundation
import StatusServer

/// The status page's fixture: `Fixtures/site-status.json` (two goods owners: ACME with a bit of every trouble, NORDLYS
/// all well), the moment the golden page is rendered at, and the golden page's path.
enum StatusPageFixture {
    /// The folder of the fixtures, in the source tree (they are not bundled).
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The golden page: what `StatusPage.render` makes of the fixture at ``now``, byte for byte.
    static let goldenPage = folder.appendingPathComponent("status-page.html")

    /// The moment the fixture's relative times are measured from: the fixture's `generatedAt`.
    static let now = Date(timeIntervalSince1970: 1_796_187_840)  // 2026-12-02T05:04:00Z

    /// The fixture's status, decoded with alerts' `since` as ISO 8601, like every other time in it.
    static func status() throws -> SiteStatus {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(
            SiteStatus.self, from: Data(contentsOf: folder.appendingPathComponent("site-status.json")))
    }
}
