import ArgumentParser
import Foundation
import Logging
import TwentyFourSevenSimulator

/// `sevenbridge simulator`: runs the built-in 24SevenOffice simulator alone, for manual testing.
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Run the built-in 24SevenOffice simulator on a loopback port.",
        discussion: """
            Serves the four 24SevenOffice SOAP services (authenticate, ProductService, InvoiceService, \
            CompanyService) on their real paths, from the sample company in --data. Log in with \
            application id \(SimulatorCredentials.demo.applicationId), user \(SimulatorCredentials.demo.username) \
            and password \(SimulatorCredentials.demo.password). When --data has a subfolder nordlys, that second \
            company is served too, to user \(SimulatorCredentials.nordlys.username) with password \
            \(SimulatorCredentials.nordlys.password) (the same application id). Stop with Ctrl-C.
            """)

    @OptionGroup(title: "Common options (the simulator needs no configuration; --config is accepted and not read)")
    var global: GlobalOptions

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port: Int = 8089

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The folder with products.xml, invoices.xml and companies.xml.")
    var data: String = SampleData.erpDirectory

    @Option(help: "Instead of --data, serve this many generated Confirmed orders of 5 lines (for benchmarks).")
    var generateOrders: Int?

    @Option(help: "With --generate-orders: how many generated products (default 500).")
    var generateProducts: Int = 500

    @Flag(help: "Print every applied write with its time in milliseconds (for benchmarks).")
    var logWrites = false

    @Option(help: "Share of requests (0-1) answered with HTTP 500, for fault testing.")
    var serverErrorRate: Double = 0

    @Option(help: "Share of requests (0-1) whose connection is dropped, for fault testing.")
    var dropRate: Double = 0

    @Option(help: "Share of requests (0-1) answered with a soap:Server deadlock fault (HTTP 500), for fault testing.")
    var serverFaultRate: Double = 0

    @Option(help: "Share of requests (0-1) never answered, for fault testing.")
    var hangRate: Double = 0

    @Option(help: "Expire each session after this many calls, for fault testing.")
    var sessionLifetime: Int?

    func run() async throws {
        let logger = global.logger()
        let faults = SimulatorFaults(
            serverErrorRate: serverErrorRate, dropRate: dropRate, serverFaultRate: serverFaultRate,
            hangRate: hangRate, sessionLifetimeCalls: sessionLifetime)
        let store = SimulatorStore(
            data: try generateOrders.map { SimulatorData.generated(orders: $0, products: generateProducts) }
                ?? SimulatorData.load(from: data),
            faults: faults)
        var stores = [store]
        if generateOrders == nil && FileManager.default.fileExists(atPath: data + "/nordlys/products.xml") {
            stores.append(
                SimulatorStore(
                    data: try SimulatorData.load(from: data + "/nordlys"), credentials: .nordlys, identity: .nordlys,
                    faults: faults))
        }
        if logWrites {
            await store.observeWrites { write, time in
                let line =
                    "WRITE \(Int64(time.timeIntervalSince1970 * 1000)) \(write.operation) \(write.id) \(write.value)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
        let simulator = try TwentyFourSevenSimulator(stores: stores, logger: logger)
        try await simulator.run(host: host, port: port) { bound in
            // Written unbuffered: scripts wait for this line, and print() is block-buffered into a file.
            FileHandle.standardOutput.write(Data("24SevenOffice simulator listening on http://\(host):\(bound)\n".utf8))
        }
    }
}
