import ArgumentParser
import BridgeModel
import Foundation
import Logging
import TwentyFourSeven
import TwentyFourSevenSimulator

/// `sevenbridge demo`: shows the bridge working with no configuration and no credentials.
///
/// Today it starts the built-in 24SevenOffice simulator on a free loopback port and reads the sample
/// company through the real SOAP client: articles, confirmed orders and suppliers. The exporters and the
/// inbox watcher join this cycle as they land.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the bridge against the built-in 24SevenOffice simulator and summarise what it saw.")

    @Option(help: "The folder with the sample company (products.xml, invoices.xml, companies.xml).")
    var data: String?

    func run() async throws {
        let logger = {
            var logger = Logger(label: "sevenbridge.demo")
            logger.logLevel = .warning
            return logger
        }()
        let folder = data ?? SampleData.erpDirectory
        let store = SimulatorStore(data: try SimulatorData.load(from: folder))
        let simulator = try TwentyFourSevenSimulator(store: store, logger: logger)
        let summary = try await simulator.withRunning { url in
            try await Self.readSampleCompany(url: url, logger: logger)
        }
        print(summary)
    }

    static func readSampleCompany(url: String, logger: Logger) async throws -> String {
        let demo = SimulatorCredentials.demo
        let client = TwentyFourSevenClient(
            configuration: TwentyFourSevenConfiguration(
                endpoint: url,
                credential: Credential(
                    applicationId: demo.applicationId, username: demo.username, password: demo.password)),
            logger: logger)
        let since = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01: everything
        let products = try await client.products(ProductQuery(changedSince: since))
        let orderIds = try await client.orderSyncList(changedAfter: since, registeredAfter: since)
        let confirmed = try await client.invoices(InvoiceQuery(orderStates: [.confirmed], orderIds: orderIds))
        let suppliers = try await client.companies(CompanyQuery(changedAfter: since)).filter { $0.type == .supplier }
        let lines = confirmed.flatMap { $0.rows ?? [] }.filter { $0.type != .text && $0.productId != nil }
        return """
            SevenBridge demo: built-in 24SevenOffice simulator at \(url)
              articles:          \(products.count) (e.g. \(products.first.map { "\($0.number ?? "?") \($0.name ?? "")" } ?? "none"))
              confirmed orders:  \(confirmed.count) of \(orderIds.count) orders, \(lines.count) order lines
              suppliers:         \(suppliers.count) (\(suppliers.compactMap(\.name).joined(separator: ", ")))
            Exporting to the outbox and processing the inbox arrive with the exporter and watcher issues.
            """
    }
}
