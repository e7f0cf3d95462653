import Foundation
import Testing
import TwentyFourSevenSimulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's status page, metrics and health as the real binary serves them with `http.listen` on a free loopback
/// port: it exports, takes shipment files, fails a write-back (24SevenOffice answers a deadlock fault for one order
/// every time) and holds a stock file; then `/metrics` is checked against what happened, `/readyz` against an outage
/// of 24SevenOffice, and the page in headless Chromium.
@Suite(.serialized) struct StatusServerDaemonTests {
    /// The families of interfaces section 8.
    static let families = [
        "sevenbridge_exported_objects_total", "sevenbridge_export_last_success_timestamp_seconds",
        "sevenbridge_writebacks", "sevenbridge_writebacks_applied_total", "sevenbridge_erp_requests_total",
        "sevenbridge_erp_request_duration_seconds", "sevenbridge_erp_budget_remaining",
        "sevenbridge_inbox_files_total", "sevenbridge_inbox_held_files", "sevenbridge_archive_records_total",
        "sevenbridge_alerts",
    ]

    @Test func metricsHealthReadinessAndThePageShowWhatTheDaemonDid() async throws {
        try await withSimulatorOutages { store, url, outage in
            let workspace = try BinaryWorkspace(
                endpoint: url,
                extra: "interval: 1s\ninbox:\n  settle: 1ms\nhttp:\n  listen: 127.0.0.1:0\nalerts:\n  inboxSilence: 4h")
            let log = workspace.root + "/daemon.log"
            let daemon = try startBinary(
                ["run", "--config", workspace.config, "--log-level", "notice"], environment: workspace.environment,
                log: log)
            defer {
                kill(daemon.processIdentifier, SIGTERM)
                daemon.waitUntilExit()
            }
            // The daemon says where it listens: port 0 took a free one.
            var address = ""
            #expect(
                try await eventually(.seconds(30)) {
                    let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                    guard let match = text.firstMatch(of: /http\.address=(\S+)/) else { return false }
                    address = String(match.1)
                    return true
                }, "no address in the log: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            let base = "http://\(address)"
            #expect(try await eventually(.seconds(30)) { try await get(base + "/readyz").status == 200 })
            #expect(try await get(base + "/healthz") == HTTPAnswer(status: 200, body: "ok\n"))

            // A shipment goes through; then one order's write keeps failing with a deadlock fault.
            let header = "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill\r\n"
            try workspace.drop("ship-1.csv", header + "5016;450;;W1\r\n")
            #expect(try await eventually(.seconds(30)) { await store.orderStatus(5016) == "OrderState_Sent" })
            await store.jamOrders([5017])
            try workspace.drop("ship-2.csv", header + "5017;450;;W2\r\n")
            // A stock file that would zero 20 of the 35 known articles is held for a person.
            let zeros = (1011...1030).map { "A\($0);0\r\n" }.joined()
            try workspace.drop("stock-0412.csv", "ArticleNumber;SellableNumberOfItems\r\n" + zeros)

            var metrics: [String: Double] = [:]
            #expect(
                try await eventually(.seconds(60)) {
                    metrics = try Self.samples(try await get(base + "/metrics").body)
                    return metrics[#"sevenbridge_writebacks{goods_owner="ACME",state="failed"}"#] == 1
                        && metrics[#"sevenbridge_inbox_held_files{goods_owner="ACME"}"#] == 1
                }, "\(metrics)")
            let text = try await get(base + "/metrics").body
            let lines = text.split(separator: "\n").map(String.init)
            for family in Self.families {
                let type = lines.firstIndex { $0.hasPrefix("# TYPE \(family) ") }
                #expect(type != nil, "\(family) missing from\n\(text)")
                #expect(
                    type.map { $0 > 0 && lines[$0 - 1].hasPrefix("# HELP \(family) ") } ?? false,
                    "\(family) has no HELP line right before its TYPE line in\n\(text)")
            }
            metrics = try Self.samples(text)
            let outbox = try workspace.files("out")
            #expect(
                metrics[#"sevenbridge_exported_objects_total{goods_owner="ACME",kind="order"}"#]
                    == Double(outbox.filter { $0.hasPrefix("order-") && $0.hasSuffix(".xml") }.count))
            #expect(
                metrics[#"sevenbridge_exported_objects_total{goods_owner="ACME",kind="article"}"#]
                    == Double(outbox.filter { $0.hasPrefix("article-") && $0.hasSuffix(".xml") }.count))
            #expect(metrics[#"sevenbridge_writebacks_applied_total{goods_owner="ACME",kind="orderStatus"}"#] == 1)
            #expect(
                metrics[#"sevenbridge_inbox_files_total{goods_owner="ACME",kind="shipment",outcome="processed"}"#] == 2)
            #expect(metrics[#"sevenbridge_inbox_files_total{goods_owner="ACME",kind="stock",outcome="held"}"#] == 1)
            #expect(metrics[#"sevenbridge_alerts{goods_owner="ACME",alert="stock_file_held"}"#] == 1)
            #expect(metrics[#"sevenbridge_alerts{goods_owner="ACME",alert="export_overdue"}"#] == 0)
            let manifest = try String(contentsOfFile: workspace.root + "/arch/manifest.jsonl", encoding: .utf8)
            #expect(
                metrics[#"sevenbridge_archive_records_total{goods_owner="ACME"}"#]
                    == Double(manifest.split(separator: "\n").count))
            // Every request the simulator saw was counted once, with its duration: compared at a moment between
            // cycles, when no request is in flight (the simulator's count is the same before and after the scrape).
            var requests = 0.0
            var seen = 0
            #expect(
                try await eventually(.seconds(30)) {
                    let before = await store.requestCount
                    let scraped = try Self.samples(try await get(base + "/metrics").body)
                    requests = scraped.filter { $0.key.hasPrefix("sevenbridge_erp_requests_total{") }.values.reduce(
                        0, +)
                    seen = await store.requestCount
                    let durations = scraped[#"sevenbridge_erp_request_duration_seconds_count{goods_owner="ACME"}"#]
                    return before == seen && requests == Double(seen) && durations == requests
                }, "\(requests) counted, \(seen) seen by the simulator")
            #expect(
                (metrics[
                    #"sevenbridge_erp_requests_total{goods_owner="ACME",operation="SaveInvoices",outcome="fault"}"#]
                    ?? 0) >= 1)
            let remaining = metrics[#"sevenbridge_erp_budget_remaining{goods_owner="ACME"}"#] ?? -1
            #expect(remaining > 0 && remaining < 7200)
            let exported =
                metrics[#"sevenbridge_export_last_success_timestamp_seconds{goods_owner="ACME",process="orders"}"#] ?? 0
            #expect(abs(exported - Date().timeIntervalSince1970) < 600)

            // The page, in a real browser.
            if chromiumPath() != nil || ProcessInfo.processInfo.environment["SEVENBRIDGE_REQUIRE_BROWSER"] == "1" {
                let dom = try await chromiumDOM(base + "/")
                #expect(dom.contains("ACME"))
                #expect(dom.contains("deadlock victim (order 5017)"), "\(dom)")
                #expect(dom.contains("stock-0412.csv"))
                let shots = repositoryRoot + "/.build/screenshots"
                try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
                try await chromiumScreenshot(base + "/", to: shots + "/status-page.png")
                #expect(FileManager.default.fileExists(atPath: shots + "/status-page.png"))
            }

            // `status` from another shell sees the daemon, the next run, the alert and the held file.
            let status = try await runBinary(
                ["status", "--config", workspace.config], environment: workspace.environment)
            #expect(
                status.output.hasPrefix("Daemon: running, process \(daemon.processIdentifier)\n"), "\(status.output)")
            #expect(status.output.contains("ALERT stock_file_held: stock file held: stock-0412.csv"))
            #expect(status.output.contains("Stock files held for a person: 1\n  stock-0412.csv"))
            #expect(status.output.firstMatch(of: /orders .* next run \d{4}-\d\d-\d\dT/) != nil, "\(status.output)")
            let json = try await runBinary(
                ["status", "--json", "--config", workspace.config], environment: workspace.environment)
            let document = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
            #expect((document?["daemon"] as? [String: Any])?["running"] as? Bool == true)
            let acme = (document?["goodsOwners"] as? [String: Any])?["ACME"] as? [String: Any]
            let alerts = acme?["alerts"] as? [[String: Any]]
            #expect(alerts?.map { $0["kind"] as? String } == ["stock_file_held"])
            #expect((alerts?.first?["since"] as? String)?.hasPrefix("20") == true, "ISO 8601, not seconds since 2001")

            // 24SevenOffice goes away: not ready, with the reason; back: ready again.
            await outage.begin()
            var answer = HTTPAnswer(status: 0, body: "")
            #expect(
                try await eventually(.seconds(60)) {
                    answer = try await get(base + "/readyz")
                    return answer.status == 503
                })
            #expect(answer.body.contains("ACME: 24SevenOffice \(url) could not be reached"), "\(answer.body)")
            #expect(try await get(base + "/healthz").status == 200)
            await outage.end()
            #expect(try await eventually(.seconds(60)) { try await get(base + "/readyz").status == 200 })
        }
    }

    @Test func aPortInUseIsOneClearErrorBeforeAnythingStarts() async throws {
        // Hold a loopback port the way another server would.
        let (fd, port) = try silentListener()
        defer { close(fd) }
        let workspace = try BinaryWorkspace(endpoint: "http://127.0.0.1:9", extra: "http:\n  listen: 127.0.0.1:\(port)")
        let result = try await runBinary(["run", "--config", workspace.config], environment: workspace.environment)
        #expect(result.status == 1)
        #expect(
            result.errors.contains(
                "http.listen 127.0.0.1:\(port): cannot listen on 127.0.0.1:\(port) (Address already in use)"),
            "\(result.errors)")
        #expect(try workspace.files("out").isEmpty, "nothing started")
        let doctor = try await runBinary(["doctor", "--config", workspace.config], environment: workspace.environment)
        #expect(doctor.output.contains("PROBLEM http.listen: cannot listen on 127.0.0.1:\(port)"), "\(doctor.output)")
    }

    /// The samples of a Prometheus text exposition, by series (name and labels as written); it fails on a line
    /// that is neither a comment nor `series value`.
    static func samples(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                throw PrometheusTextError(line: String(line))
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    /// A line of `/metrics` that is not Prometheus text.
    struct PrometheusTextError: Error, CustomStringConvertible {
        var line: String
        var description: String { "not a Prometheus sample line: \(line)" }
    }
}

/// What an HTTP GET answered.
struct HTTPAnswer: Equatable, Sendable {
    var status: Int
    var body: String
}

/// GETs `url` on loopback.
func get(_ url: String) async throws -> HTTPAnswer {
    let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
    return HTTPAnswer(
        status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self))
}
