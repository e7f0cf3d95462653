import BridgeEngine
import Foundation
import StatusServer
import Testing

/// What the status page must show and must never do, asserted on its text.
@Suite struct StatusPageContentTests {
    func page(_ change: (inout SiteStatus) -> Void = { _ in }) throws -> String {
        var status = try StatusPageFixture.status()
        change(&status)
        return try StatusPage.render(status, now: StatusPageFixture.now)
    }

    /// The part of the page from one owner's section to the next (or the end).
    func section(_ page: String, of owner: String) -> Substring {
        guard let start = page.range(of: "<section class=\"owner card\" id=\"owner-\(owner)\"") else { return "" }
        let rest = page[start.upperBound...]
        let end = rest.range(of: "<section class=\"owner card\"")?.lowerBound ?? rest.endIndex
        return rest[..<end]
    }

    @Test func everyOwnerHasASectionWithAnAnchorAndALineInTheSummary() throws {
        let page = try page()
        for owner in ["ACME", "NORDLYS"] {
            #expect(page.contains("id=\"owner-\(owner)\""))
            #expect(page.contains("<a class=\"owner-link\" href=\"#owner-\(owner)\">\(owner)</a>"))
            #expect(section(page, of: owner).contains("<h2 id=\"owner-\(owner)-heading\">"))
        }
        #expect(page.contains("<h1>SevenBridge"))
        #expect(page.contains("pid 4121"))
        #expect(page.contains("1.4.0"))
    }

    @Test func oneOwnerNeedsNoSummaryTable() throws {
        let page = try page { $0.owners.removeFirst() }
        #expect(!page.contains("summary-heading"))
        #expect(page.contains("id=\"owner-NORDLYS\""))
    }

    @Test func aPendingWriteBackShowsItsLastErrorAndNextAttempt() throws {
        let acme = section(try page(), of: "ACME")
        #expect(acme.contains("<span class=\"error\">soap:Server deadlock victim</span>"))
        #expect(acme.contains("RETRYING"))
        #expect(
            acme.contains("<time datetime=\"2026-12-02T05:10:00Z\" title=\"2026-12-02 05:10:00 UTC\">in 6 min</time>"))
        #expect(acme.contains("REFUSED"))
        #expect(acme.contains("Order 10199 is closed &amp; cannot change status"))
    }

    @Test func heldAndFailedInboxFilesShowWithTheirReasons() throws {
        let acme = section(try page(), of: "ACME")
        #expect(acme.contains("<code>stock-0412.csv</code>"))
        #expect(acme.contains("above the 5% limit"))
        #expect(acme.contains("line 12: unexpected element &lt;Foo&gt; in &lt;OrderAck&gt;"))
        #expect(acme.contains("10240"))
        #expect(acme.contains("Article &#39;WIDGET-9&#39; does not exist"))
    }

    @Test func anOwnerWithNothingWrongSaysSo() throws {
        let nordlys = section(try page(), of: "NORDLYS")
        #expect(nordlys.contains("<span class=\"chip ok\">OK</span>"))
        #expect(nordlys.contains("No write-backs waiting."))
        #expect(nordlys.contains("No files held or failed."))
        #expect(nordlys.contains("No import failures."))
        #expect(!nordlys.contains("class=\"alert "))
    }

    @Test func theBannerListsEveryAlertWithItsOwnerAndTheOwnerSectionRepeatsThem() throws {
        let page = try page()
        let start = try #require(page.range(of: "<section class=\"banner bad\""))
        let end = try #require(page[start.lowerBound...].range(of: "</section>"))
        let banner = page[start.lowerBound..<end.upperBound]
        #expect(banner.contains("5 alerts for 1 goods owner"))
        for kind in Alert.Kind.allCases {
            #expect(banner.contains("<code title=\"\(kind.meaning)\">\(kind.rawValue)</code>"))
            #expect(section(page, of: "ACME").contains(">\(kind.rawValue)</code>"))
        }
        #expect(banner.contains("href=\"#owner-ACME\">ACME</a>"))
        #expect(!banner.contains("NORDLYS"))
    }

    @Test func withoutAlertsTheBannerSaysAllIsWell() throws {
        let page = try page { $0.owners[0].alerts = [] }
        #expect(page.contains("<h2>No alerts</h2>"))
        #expect(!page.contains("banner bad"))
    }

    @Test func statesAreWordsAndNotOnlyColours() throws {
        let page = try page()
        for label in ["ACTION NEEDED", "FAILED", "UNREACHABLE", "RETRYING", "REFUSED", "INTACT", "OK"] {
            #expect(page.contains(">\(label)</span>"), "\(label)")
        }
        let broken = try self.page {
            $0.owners[1].archiveIntact = false
            $0.owners[1].archiveProblems = ["segment 0003: hash chain broken at record 17"]
        }
        #expect(section(broken, of: "NORDLYS").contains(">BROKEN</span>"))
        #expect(section(broken, of: "NORDLYS").contains("hash chain broken at record 17"))
    }

    @Test func theArchiveShowsRecordsAndAReadableSize() throws {
        let acme = section(try page(), of: "ACME")
        #expect(acme.contains("<dd>18,342</dd>"))
        #expect(acme.contains("<dd title=\"734,003,200 bytes\">700.0 MiB</dd>"))
    }

    @Test func failedFilesBeyondTheListedAreCountedAndSaidToBeInTheFolder() throws {
        let listed = try page()
        #expect(listed.contains("<td data-label=\"Inbox\">1 held, 1 failed</td>"))
        #expect(!listed.contains("are listed; every one is in inbox/failed"))
        let more = try page { $0.owners[0].failedFileCount = 1_273 }
        #expect(more.contains("<td data-label=\"Inbox\">1 held, 1,273 failed</td>"))
        #expect(
            section(more, of: "ACME").contains(
                "<p class=\"empty\">The newest 1 of 1,273 files are listed; every one is in inbox/failed with its"
                    + " .error.txt.</p>"))
        #expect(!section(more, of: "NORDLYS").contains("are listed"))
    }

    @Test func everyValueFromTheDataIsEscaped() throws {
        let page = try page {
            var file = $0.owners[0].failedFiles[0]
            file.name = "<script>alert(1)</script>.csv"
            file.reason = "\"quoted\" <b>bold</b>"
            $0.owners[0].failedFiles.append(file)
            $0.owners[0].heldFiles[0].name = "<img src=x onerror=alert(2)>.csv"
            $0.owners[0].pendingWriteBacks[0].lastError = "</td></tr></table><script>alert(3)</script>"
            $0.owners[0].alerts[0].message = "<iframe src=\"https://example.com\">"
            $0.daemon.version = "<script>alert(4)</script>"
        }
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;.csv"))
        #expect(page.contains("&quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;"))
        #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;.csv"))
        #expect(page.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(3)&lt;/script&gt;"))
        #expect(page.contains("&lt;iframe src=&quot;https://example.com&quot;&gt;"))
        for raw in ["<script", "<img", "<iframe", "<b>"] {
            #expect(!page.lowercased().contains(raw), "\(raw) came through unescaped")
        }
    }

    @Test func thePageRefreshesItselfAndHasNoScript() throws {
        let page = try page()
        #expect(page.hasPrefix("<!doctype html>"))
        #expect(page.contains("<meta http-equiv=\"refresh\" content=\"15\">"))
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(!page.lowercased().contains("<script"))
        #expect(page.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil, "no inline event handlers")
        #expect(!page.contains("http://") && !page.contains("src="), "no external assets")
        let slower = try self.page { $0.refreshSeconds = 60 }
        #expect(slower.contains("<meta http-equiv=\"refresh\" content=\"60\">"))
    }
}
