import ArgumentParser
import BridgeEngine
import BridgeModel
import Foundation
import Logging
import TwentyFourSevenSimulator

/// `sevenbridge demo`: shows the bridge working with no configuration and no credentials.
///
/// Starts the built-in 24SevenOffice simulator on a free loopback port with the two sample companies, each its own
/// account, and serves them as two goods owners of one bridge (a 3PL's two clients): a full export cycle for each
/// into its own outbox, the sample WMS files dropped into each one's inbox and processed, the archives verified, and
/// what went where printed, each line starting with the goods owner's code.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a full cycle against the built-in 24SevenOffice simulator and summarise what went where.")

    @OptionGroup(title: "Common options (the demo needs no configuration; --config is accepted and not read)")
    var global: GlobalOptions

    @Option(
        help: """
            The folder with the sample company (products.xml, invoices.xml, companies.xml); a subfolder nordlys \
            with the same files is the second goods owner's company.
            """)
    var data: String?

    @Option(
        help: """
            The demo folder, filled with outbox, inbox, archive and state. It must be new, empty, or an earlier \
            demo's folder holding only what that demo made; nothing else is ever deleted.
            """)
    var folder: String = "demo"

    /// One goods owner of the demo: its code, its company's folder and how it logs in.
    struct Owner: Sendable {
        /// The goods owner's code.
        var code: String
        /// The folder of its company's data.
        var data: String
        /// Its WMS sample files.
        var wms: String
        /// Its user on the simulator.
        var credentials: SimulatorCredentials
        /// The identity its sessions work on.
        var identity: SimulatorIdentity
    }

    func run() async throws {
        let logger = LogSetup.logger(level: "warning")
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        try DemoFolder.prepare(root)
        let erp = data ?? SampleData.erpDirectory
        let wms = URL(fileURLWithPath: SampleData.erpDirectory).deletingLastPathComponent().appendingPathComponent(
            "wms"
        ).path
        var owners = [Owner(code: "DEMO", data: erp, wms: wms, credentials: .demo, identity: .demo)]
        if FileManager.default.fileExists(atPath: erp + "/nordlys/products.xml") {
            owners.append(
                Owner(
                    code: "NORDLYS", data: erp + "/nordlys", wms: wms + "/nordlys", credentials: .nordlys,
                    identity: .nordlys))
        }
        let stores = try owners.map {
            SimulatorStore(
                data: try SimulatorData.load(from: $0.data), credentials: $0.credentials, identity: $0.identity)
        }
        let simulator = try TwentyFourSevenSimulator(stores: stores, logger: logger)
        let summary = try await simulator.withRunning { [owners] url in
            try await Self.cycle(url: url, root: root, owners: owners, logger: logger)
        }
        try DemoFolder.seal(root)
        print(summary)
    }

    /// The configuration of a demo goods owner: folders under the demo folder plus its code, state shared.
    static func configuration(_ owner: Owner, url: String, root: String) -> BridgeConfiguration {
        BridgeConfiguration(
            goodsOwnerCode: owner.code,
            erp: .init(
                endpoint: url, applicationId: owner.credentials.applicationId, username: owner.credentials.username,
                password: owner.credentials.password, requestsPerHour: 7200),
            folders: .init(
                outbox: root + "/outbox/" + owner.code, inbox: root + "/inbox/" + owner.code,
                archive: root + "/archive/" + owner.code, state: root + "/state"),
            interval: .seconds(900), inboxSettle: .zero, inboxRescan: .seconds(10), archiveRetention: nil,
            formats: [.xml, .csv],
            processes: .init(articles: true, orders: true, suppliers: true, stock: true, shipments: true),
            orders: .init(
                pullStatuses: [.confirmed], notifyShipped: true, reportAtStatuses: [450, 500], sentStatus: .sent,
                statusOnImport: nil),
            stockField: "SellableNumberOfItems", variantPattern: nil, extraFields: [])
    }

    /// Runs every goods owner's cycle, side by side, and returns the summary.
    static func cycle(url: String, root: String, owners: [Owner], logger: Logger) async throws -> String {
        let configurations = owners.map { configuration($0, url: url, root: root) }
        let site = SiteConfiguration(
            owners: configurations, stateFolder: root + "/state", listsGoodsOwners: owners.count > 1)
        let selection = try OwnerSelection(site: site, code: nil)
        let runtime = try await RuntimeBuilder.build(selection, dryRun: false, logger: logger)
        let blocks = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for (index, owner) in runtime.owners.enumerated() {
                let wms = owners[index].wms
                group.addTask { (index, try await DemoSummary.run(owner, wms: wms)) }
            }
            var blocks: [Int: [String]] = [:]
            for try await (index, lines) in group { blocks[index] = lines }
            return blocks
        }
        var lines = ["SevenBridge demo: built-in 24SevenOffice simulator at \(url), demo folder \(root)"]
        if owners.count > 1 {
            lines.append(
                "Goods owners: "
                    + owners.map { "\($0.code) (\($0.identity.clientName), user \($0.credentials.username))" }
                    .joined(separator: " and ") + ", each with its own company, outbox, inbox and archive")
        }
        for (index, owner) in owners.enumerated() {
            lines.append(selection.prefixed(owner.code, (blocks[index] ?? []).joined(separator: "\n")))
        }
        return lines.joined(separator: "\n")
    }
}
