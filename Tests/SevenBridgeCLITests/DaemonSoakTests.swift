import BridgeEngine
import Foundation
import Testing
import TwentyFourSevenSimulator
import XMLStream

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary as a daemon, the way warehouses run it, over many cycles: changes in 24SevenOffice between cycles,
/// WMS files at random moments, a restart in the middle, `archive prune` and `inbox release` while it runs, and an
/// expired session.
///
/// Afterwards the archive verifies, every change was exported once, every write-back took effect once, nothing
/// unchanged was rewritten, and the daemon logged in once per start plus once per expired session.
@Suite(.serialized) struct DaemonSoakTests {
    /// Orders that get shipped (and so leave the export), and orders that get edited.
    static let shippable = [5007, 5008, 5010, 5011, 5013]
    static let editable = [5014, 5016, 5017, 5019, 5020]
    /// Products whose stock the WMS reports, and products edited in 24SevenOffice.
    static let stocked = [1001, 1002, 1003, 1004, 1005]
    static let editableProducts = [1006, 1007, 1008, 1009, 1010]

    @Test func twentyFourCyclesWithChangesFilesARestartPruneReleaseAndAnExpiredSession() async throws {
        try await withSimulator { store, url in
            let workspace = try BinaryWorkspace(
                endpoint: url, extra: "interval: 1s\ninbox:\n  settle: 1ms\n  rescan: 2s")
            let soak = Soak(workspace: workspace, store: store)
            var random = SplitMix64(seed: 20_261_201)
            var daemon = try soak.start()
            #expect(
                try await soak.until(.seconds(20)) {
                    try workspace.files("out").filter { $0.hasSuffix(".xml") }.count == 48
                })
            var edits: [String: Int] = [:]
            var stock: [Int: Int] = [:]
            var stockWrites = 0
            var shipped: [Int] = []
            var expired = 0
            for round in 1...24 {
                let cycles = try await soak.cycles()
                // A moment somewhere in the cycle, so files and changes meet the daemon at every stage of its work.
                try await Task.sleep(for: .milliseconds(Int(random.next() % 700)))
                switch round {
                case 6:
                    kill(daemon.processIdentifier, SIGTERM)
                    #expect(try await soak.exited(daemon, within: .seconds(10)))
                    #expect(daemon.terminationStatus == 0)
                    daemon = try soak.start()
                case 9:
                    await store.expireAllSessions()
                    expired += 1
                case 12:
                    let prune = try await runBinary(
                        ["archive", "prune", "--older-than", "0d", "--config", workspace.config],
                        environment: workspace.environment)
                    #expect(prune.status == 0 && prune.output.contains("pruned"), "\(prune.output)\(prune.errors)")
                case 15:
                    // A stock file that would zero most of the 35 known articles is held; a person releases it.
                    for id in 1011...1030 {
                        if await store.stock(id) != "0" { stockWrites += 1 }
                        stock[id] = 0
                    }
                    let zeros = (1011...1030).map { "A\($0);0;\($0);0\r\n" }.joined()
                    try soak.drop(
                        "zero.csv", "ArticleNumber;SellableNumberOfItems;ProductCode;NumberOfItemsDecimal\r\n" + zeros)
                    #expect(try await soak.until { try workspace.files("inbox/failed").contains("zero.csv") })
                    let release = try await runBinary(
                        ["inbox", "release", "zero.csv", "--config", workspace.config],
                        environment: workspace.environment)
                    #expect(
                        release.status == 0 && release.output.contains("released"), "\(release.output)\(release.errors)"
                    )
                    #expect(try await soak.until { try workspace.files("inbox/processed").contains("zero.csv") })
                default:
                    switch random.next() % 4 {
                    case 0:
                        let order = Self.editable[Int(random.next() % 5)]
                        await store.editOrder(order) { $0 = $0.setting("InvoiceTitle", to: "round \(round)") }
                        edits["order \(order)", default: 0] += 1
                    case 1:
                        let product = Self.editableProducts[Int(random.next() % 5)]
                        await store.editProduct(product) { $0 = $0.setting("Name", to: "Produkt \(round)") }
                        edits["article \(product)", default: 0] += 1
                    case 2 where shipped.count < Self.shippable.count:
                        let order = Self.shippable[shipped.count]
                        try soak.drop(
                            "ship-\(round).csv",
                            "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill\r\n\(order);450;;W\(round)\r\n"
                        )
                        shipped.append(order)
                    default:
                        let product = Self.stocked[Int(random.next() % 5)]
                        let figure = 500 + round
                        try soak.drop(
                            "stock-\(round).csv",
                            "ArticleNumber;SellableNumberOfItems;ProductCode;NumberOfItemsDecimal\r\nA\(product);\(figure);\(product);\(figure)\r\n"
                        )
                        stock[product] = figure
                        stockWrites += 1
                    }
                }
                // At least one more cycle each round.
                #expect(try await soak.until(.seconds(10)) { try await soak.cycles() > cycles }, "round \(round)")
            }
            // Everything asked for has happened, then the daemon stops cleanly.
            for (key, count) in edits {
                #expect(try await soak.until(.seconds(10)) { try soak.exports(key) == 1 + count }, "\(key)")
            }
            for order in shipped {
                #expect(try await soak.until { await store.orderStatus(order) == "OrderState_Sent" }, "order \(order)")
            }
            for (product, figure) in stock {
                #expect(try await soak.until { await store.stock(product) == "\(figure)" }, "stock of \(product)")
            }
            #expect(try await soak.until { try workspace.files("inbox").filter { $0.hasSuffix(".csv") }.isEmpty })
            kill(daemon.processIdentifier, SIGTERM)
            #expect(try await soak.exited(daemon, within: .seconds(10)))
            #expect(daemon.terminationStatus == 0)

            let cycles = try await soak.cycles()
            #expect(cycles >= 20, "\(cycles) cycles")
            let verify = try await runBinary(
                ["archive", "verify", "--config", workspace.config], environment: workspace.environment)
            #expect(verify.status == 0, "\(verify.output)")
            // Every changed object exported once per change; nothing unchanged rewritten.
            for order in Self.shippable + Self.editable {
                #expect(try soak.exports("order \(order)") == 1 + (edits["order \(order)"] ?? 0), "order \(order)")
            }
            for product in 1001...1035 {
                #expect(
                    try soak.exports("article \(product)") == 1 + (edits["article \(product)"] ?? 0),
                    "article \(product)")
            }
            // Every write-back took effect once.
            let writes = await store.writes
            let statuses = writes.filter { $0.operation == "SaveInvoices" }
            #expect(statuses.map(\.id).sorted() == shipped.sorted(), "\(statuses)")
            #expect(writes.filter { $0.operation == "SetStockQuantity" }.count == stockWrites, "\(writes)")
            // One Login per daemon start, plus one for the expired session.
            #expect(await store.count("Login") == 2 + expired)
            print(
                "soak: \(cycles) cycles, \(edits.values.reduce(0, +)) edits, \(shipped.count) shipments, \(stockWrites) stock writes, \(await store.count("Login")) logins"
            )
        }
    }
}

/// The daemon under test and what the test reads of its folders.
struct Soak {
    let workspace: BinaryWorkspace
    let store: SimulatorStore

    func start() throws -> Process {
        try startBinary(
            ["run", "--config", workspace.config, "--log-level", "error"], environment: workspace.environment)
    }

    /// Drops a file into the inbox as a WMS does: written under a hidden name, then renamed.
    func drop(_ name: String, _ text: String) throws {
        try workspace.drop(name, text)
    }

    /// Finished export cycles (runs of the orders exporter) recorded in the state.
    func cycles() async throws -> Int {
        guard FileManager.default.fileExists(atPath: workspace.root + "/st/sevenbridge.sqlite") else { return 0 }
        return try await StateDatabase(folder: workspace.root + "/st", dryRun: true).store(goodsOwner: "ACME")
            .runCount("orders")
    }

    /// How many times an object (`order 5007`, `article 1001`) was written to the outbox, from the archive manifest.
    func exports(_ object: String) throws -> Int {
        let parts = object.split(separator: " ").map(String.init)
        let text = (try? String(contentsOfFile: workspace.root + "/arch/manifest.jsonl", encoding: .utf8)) ?? ""
        let numbers = parts[0] == "article" ? articleNumbers() : [:]
        let key = parts[0] == "article" ? numbers[Int(parts[1]) ?? 0] ?? parts[1] : parts[1]
        return text.split(separator: "\n").filter { line in
            guard let data = line.data(using: .utf8),
                let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                record["direction"] as? String == "outbound", record["kind"] as? String == parts[0],
                let keys = record["keys"] as? [String: String]
            else { return false }
            return keys[parts[0]] == key
        }.count
    }

    /// Article numbers by product id, from the sample data.
    func articleNumbers() -> [Int: String] {
        guard let data = try? SimulatorData.load(from: repositoryRoot + "/samples/erp") else { return [:] }
        var numbers: [Int: String] = [:]
        for (id, product) in data.products { numbers[id] = product.value("No") }
        return numbers
    }

    /// Waits, bounded, until `condition` holds (the module's ``eventually(_:_:)``, with the soak's default limit).
    func until(_ limit: Duration = .seconds(5), _ condition: () async throws -> Bool) async throws -> Bool {
        try await eventually(limit, condition)
    }

    func exited(_ process: Process, within limit: Duration) async throws -> Bool {
        try await until(limit) { !process.isRunning }
    }
}
